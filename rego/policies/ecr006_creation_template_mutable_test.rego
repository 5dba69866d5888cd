package ecrguard.rules.ecr006_test

import rego.v1

import data.ecrguard.fixtures as fx
import data.ecrguard.rules.ecr006

test_absent_mutability_names_prefix_and_applied_for if {
	t := fx.tf_template("ROOT", {
		"tagMutability": fx.absent("image_tag_mutability"),
		"appliedFor": fx.known(["PULL_THROUGH_CACHE", "REPLICATION"], "applied_for"),
	})
	ecr006.deny == {{
		"msg": `Repositories created by this creation template for prefix "ROOT" (applied for PULL_THROUGH_CACHE, REPLICATION) accept tag overwrites: image_tag_mutability is not set, so ECR's default MUTABLE applies and any tag can be overwritten; set image_tag_mutability to IMMUTABLE.`,
		"ruleId": "ECR006",
		"severity": "error",
		"resource": "aws_ecr_repository_creation_template.ROOT",
		"resourceType": "aws_ecr_repository_creation_template",
		"location": {"file": "plan.json", "line": 50},
	}} with input as fx.templates([t])
}

test_mutable_with_unknown_prefix_and_applied_for if {
	t := fx.tf_template("x", {
		"tagMutability": fx.tf_mutability("MUTABLE"),
		"prefix": fx.unknown("prefix", "known after apply"),
		"appliedFor": fx.unknown("applied_for", "known after apply"),
	})
	fx.msgs(ecr006.deny) == {"Repositories created by this creation template accept tag overwrites: image_tag_mutability is MUTABLE, so any tag can be overwritten; set image_tag_mutability to IMMUTABLE."} with input as fx.templates([t])
}

test_cloudformation_template_double_star if {
	t := {
		"id": "CacheTemplate",
		"type": "AWS::ECR::RepositoryCreationTemplate",
		"prefix": fx.known("docker-hub", "Prefix"),
		"appliedFor": fx.known(["PULL_THROUGH_CACHE"], "AppliedFor"),
		"tagMutability": fx.cfn_mutability("IMMUTABLE_WITH_EXCLUSION"),
		"exclusionFilters": fx.cfn_filters(["**"]),
		"location": {"file": "template.yaml", "line": 3},
		"waivers": [],
	}
	fx.msgs(ecr006.deny) == {`Repositories created by this creation template for prefix "docker-hub" (applied for PULL_THROUGH_CACHE) accept tag overwrites: ImageTagMutability is IMMUTABLE_WITH_EXCLUSION but ImageTagMutabilityExclusionFilters has "**", which matches every tag, so any tag can be overwritten; set ImageTagMutability to IMMUTABLE.`} with input as fx.templates([t])
}

test_null_fields_read_as_absent if {
	# Java records without NON_NULL serialize a missing Value as null.
	t := fx.tf_template("x", {"tagMutability": null, "exclusionFilters": null, "prefix": null, "appliedFor": null})
	fx.msgs(ecr006.deny) == {"Repositories created by this creation template accept tag overwrites: tagMutability is not set, so ECR's default MUTABLE applies and any tag can be overwritten; set tagMutability to IMMUTABLE."} with input as fx.templates([t])
}

test_mutable_with_exclusion_template if {
	t := fx.tf_template("x", {"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION"), "exclusionFilters": fx.tf_filters(["v*"])})
	fx.resources(ecr006.deny) == {"aws_ecr_repository_creation_template.x"} with input as fx.templates([t])
}

test_safe_or_unknown_templates_not_flagged if {
	ts := [
		fx.tf_template("a", {}),
		fx.tf_template("b", {"tagMutability": fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION"), "exclusionFilters": fx.tf_filters(["latest"])}),
		fx.tf_template("c", {"tagMutability": fx.unknown("image_tag_mutability", "${var.mode}")}),
		fx.tf_template("d", {"tagMutability": fx.tf_mutability("mutable")}),
	]
	count(ecr006.deny) == 0 with input as fx.templates(ts)
}

test_repositories_are_not_templates if {
	r := fx.tf_repo("app", {"tagMutability": fx.tf_mutability("MUTABLE")})
	count(ecr006.deny) == 0 with input as fx.repos([r])
}

test_rule_id_from_annotations if {
	ecr006.rule_id == "ECR006"
}
