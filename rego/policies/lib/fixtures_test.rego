# Test fixtures: builders for model documents (docs/model.md). Loaded by `opa test` only; the wasm build ignores
# *_test.rego files.
package ecrguard.fixtures

import rego.v1

known(v, attr) := {"state": "known", "value": v, "attribute": attr}

absent(attr) := {"state": "absent", "attribute": attr}

unknown(attr, why) := {"state": "unknown", "attribute": attr, "why": why}

unknown_candidates(attr, why, candidates) := object.union(unknown(attr, why), {"candidates": candidates})

# with_fields(base, overrides): base with the top-level fields of overrides replaced (not merged).
with_fields(base, overrides) := object.union(object.remove(base, object.keys(overrides)), overrides)

# A compliant Terraform repository: IMMUTABLE, scanned on push, no force_delete.
tf_repo(name, overrides) := with_fields(
	{
		"id": sprintf("aws_ecr_repository.%s", [name]),
		"type": "aws_ecr_repository",
		"name": known(name, "name"),
		"tagMutability": known("IMMUTABLE", "image_tag_mutability"),
		"exclusionFilters": absent("image_tag_mutability_exclusion_filter"),
		"scanOnPush": known(true, "image_scanning_configuration.scan_on_push"),
		"forceDelete": known(false, "force_delete"),
		"location": {"file": "plan.json", "line": 10},
		"waivers": [],
	},
	overrides,
)

tf_mutability(v) := known(v, "image_tag_mutability")

tf_filters(fs) := known(fs, "image_tag_mutability_exclusion_filter")

# A compliant CloudFormation repository (CDK cloud assembly id and construct path).
cfn_repo(logical_id, overrides) := with_fields(
	{
		"id": sprintf("AppStack/%s", [logical_id]),
		"type": "AWS::ECR::Repository",
		"name": absent("RepositoryName"),
		"tagMutability": known("IMMUTABLE", "ImageTagMutability"),
		"exclusionFilters": absent("ImageTagMutabilityExclusionFilters"),
		"scanOnPush": known(true, "ImageScanningConfiguration.ScanOnPush"),
		"forceDelete": absent("EmptyOnDelete"),
		"location": {"file": "cdk.out/AppStack.template.json", "line": 7, "constructPath": sprintf("App/%s", [logical_id])},
		"waivers": [],
	},
	overrides,
)

cfn_mutability(v) := known(v, "ImageTagMutability")

cfn_filters(fs) := known(fs, "ImageTagMutabilityExclusionFilters")

# A compliant Terraform creation template.
tf_template(name, overrides) := with_fields(
	{
		"id": sprintf("aws_ecr_repository_creation_template.%s", [name]),
		"type": "aws_ecr_repository_creation_template",
		"prefix": known(name, "prefix"),
		"appliedFor": known(["PULL_THROUGH_CACHE"], "applied_for"),
		"tagMutability": known("IMMUTABLE", "image_tag_mutability"),
		"exclusionFilters": absent("image_tag_mutability_exclusion_filter"),
		"location": {"file": "plan.json", "line": 50},
		"waivers": [],
	},
	overrides,
)

scanning(id, rules) := {
	"id": id,
	"type": "aws_ecr_registry_scanning_configuration",
	"scanType": known("ENHANCED", "scan_type"),
	"rules": rules,
	"location": {"file": "plan.json", "line": 90},
	"waivers": [],
}

scan_rule(frequency, filters) := {"frequency": frequency, "filters": filters}

workload(id, images) := {
	"id": id,
	"type": "aws_ecs_task_definition",
	"location": {"file": "plan.json", "line": 120},
	"waivers": [],
	"images": images,
}

image(container, ref, repository, repository_name, tag, digest) := {
	"container": container,
	"ref": known(ref, "container_definitions"),
	"repository": repository,
	"repositoryName": repository_name,
	"tag": tag,
	"digest": digest,
}

model(repositories, templates, scannings, workloads) := {
	"modelVersion": 1,
	"repositories": repositories,
	"creationTemplates": templates,
	"registryScanning": scannings,
	"workloads": workloads,
}

repos(rs) := model(rs, [], [], [])

templates(ts) := model([], ts, [], [])

# Projections of a set of findings, for exact assertions.
msgs(findings) := {f.msg | some f in findings}

resources(findings) := {f.resource | some f in findings}
