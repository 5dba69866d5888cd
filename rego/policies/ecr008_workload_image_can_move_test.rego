package ecrguard.rules.ecr008_test

import rego.v1

import data.ecrguard.fixtures as fx
import data.ecrguard.rules.ecr008

registry := "123456789012.dkr.ecr.eu-west-1.amazonaws.com"

digest := "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"

# An image of repository `name` in this registry, not linked to a repository id.
img(container, name, tag) := fx.image(container, ref(name, tag), null, name, tag, null)

ref(name, null) := sprintf("%s/%s", [registry, name])

ref(name, tag) := sprintf("%s/%s:%s", [registry, name, tag]) if tag != null

immutable := fx.tf_repo("app", {})

mutable := fx.tf_repo("mut", {"tagMutability": fx.tf_mutability("MUTABLE")})

defaulted := fx.tf_repo("def", {"tagMutability": fx.absent("image_tag_mutability")})

excluding := fx.tf_repo("exc", {
	"tagMutability": fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION"),
	"exclusionFilters": fx.tf_filters(["latest", "dev-*", "v*"]),
})

undetermined := fx.tf_repo("unk", {"tagMutability": fx.unknown("image_tag_mutability", "known after apply")})

all_repos := [immutable, mutable, defaulted, excluding, undetermined]

run(images) := fx.model(all_repos, [], [], [fx.workload("aws_ecs_task_definition.svc", images)])

test_latest_tag if {
	ecr008.deny == {{
		"msg": "Images are pulled by references that can move: api (123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest): the tag latest moves with every push; pin each image by digest (@sha256:...) or use a tag of an immutable repository.",
		"ruleId": "ECR008",
		"severity": "warning",
		"resource": "aws_ecs_task_definition.svc",
		"resourceType": "aws_ecs_task_definition",
		"location": {"file": "plan.json", "line": 120},
	}} with input as run([img("api", "app", "latest")])
}

test_untagged_means_latest if {
	fx.msgs(ecr008.deny) == {"Images are pulled by references that can move: api (123456789012.dkr.ecr.eu-west-1.amazonaws.com/app): no tag, so it pulls latest; pin each image by digest (@sha256:...) or use a tag of an immutable repository."} with input as run([img("api", "app", null)])
}

test_missing_tag_field_means_latest if {
	i := object.remove(img("api", "app", null), ["tag", "digest"])
	fx.resources(ecr008.deny) == {"aws_ecs_task_definition.svc"} with input as run([i])
}

test_digest_never_moves if {
	images := [
		fx.image("a", sprintf("%s/mut:latest@%s", [registry, digest]), null, "mut", "latest", digest),
		fx.image("b", sprintf("%s/mut@%s", [registry, digest]), null, "mut", null, digest),
		fx.image("c", sprintf("%s/exc:dev-1@%s", [registry, digest]), null, "exc", "dev-1", digest),
	]
	count(ecr008.deny) == 0 with input as run(images)
}

test_tag_of_mutable_repository_linked_by_id if {
	i := fx.image("api", "${aws_ecr_repository.mut.repository_url}:1.4.2", "aws_ecr_repository.mut", null, "1.4.2", null)
	fx.msgs(ecr008.deny) == {"Images are pulled by references that can move: api (${aws_ecr_repository.mut.repository_url}:1.4.2): repository aws_ecr_repository.mut accepts tag overwrites; pin each image by digest (@sha256:...) or use a tag of an immutable repository."} with input as run([i])
}

test_tag_of_default_mutable_repository_linked_by_name if {
	fx.msgs(ecr008.deny) == {"Images are pulled by references that can move: api (123456789012.dkr.ecr.eu-west-1.amazonaws.com/def:1.4.2): repository aws_ecr_repository.def accepts tag overwrites; pin each image by digest (@sha256:...) or use a tag of an immutable repository."} with input as run([img("api", "def", "1.4.2")])
}

test_tag_matching_exclusion_filter if {
	fx.msgs(ecr008.deny) == {`Images are pulled by references that can move: api (123456789012.dkr.ecr.eu-west-1.amazonaws.com/exc:dev-42): the tag matches exclusion filter "dev-*" of repository aws_ecr_repository.exc; pin each image by digest (@sha256:...) or use a tag of an immutable repository.`} with input as run([img("api", "exc", "dev-42")])
}

test_exclusion_filter_star_crosses_dots if {
	fx.resources(ecr008.deny) == {"aws_ecs_task_definition.svc"} with input as run([img("api", "exc", "v1.2.3")])
}

test_latest_in_excluding_repository_gives_both_reasons if {
	fx.msgs(ecr008.deny) == {`Images are pulled by references that can move: api (123456789012.dkr.ecr.eu-west-1.amazonaws.com/exc:latest): the tag latest moves with every push and the tag matches exclusion filter "latest" of repository aws_ecr_repository.exc; pin each image by digest (@sha256:...) or use a tag of an immutable repository.`} with input as run([img("api", "exc", "latest")])
}

# Under MUTABLE_WITH_EXCLUSION the filters name the immutable tags: a tag matching one stays, any other moves.
protecting := fx.tf_repo("rel", {
	"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION"),
	"exclusionFilters": fx.tf_filters(["v*"]),
})

with_protecting(images) := fx.model([protecting], [], [], [fx.workload("aws_ecs_task_definition.svc", images)])

test_mutable_with_exclusion_judged_tag_by_tag if {
	count(ecr008.deny) == 0 with input as with_protecting([img("api", "rel", "v1.2.3")])
	fx.msgs(ecr008.deny) == {"Images are pulled by references that can move: api (123456789012.dkr.ecr.eu-west-1.amazonaws.com/rel:sha-0f1e2d3): repository aws_ecr_repository.rel accepts tag overwrites; pin each image by digest (@sha256:...) or use a tag of an immutable repository."} with input as with_protecting([img("api", "rel", "sha-0f1e2d3")])
}

test_immovable_tags_not_flagged if {
	images := [
		img("a", "app", "1.4.2"), # IMMUTABLE repository
		img("b", "exc", "release-7"), # matches no exclusion filter
		img("c", "unk", "1.0"), # mutability unknown: ECR004's business
		img("d", "elsewhere", "1.0"), # repository not in this input
		fx.image("e", "${AppRepo.RepositoryUri}:1.0", "aws_ecr_repository.app", null, "1.0", null),
	]
	count(ecr008.deny) == 0 with input as run(images)
}

test_unknown_reference_not_flagged if {
	i := {
		"container": "api",
		"ref": fx.unknown("image", "known after apply"),
		"repository": null,
		"repositoryName": null,
		"tag": null,
		"digest": null,
	}
	count(ecr008.deny) == 0 with input as run([i])
}

test_name_link_needs_known_name if {
	unnamed := fx.tf_repo("mut", {"tagMutability": fx.tf_mutability("MUTABLE"), "name": fx.unknown("name", "known after apply")})
	m := fx.model([unnamed], [], [], [fx.workload("w", [img("api", "mut", "1.0")])])
	count(ecr008.deny) == 0 with input as m
}

# The index by name keeps every repository of a name (inputs checked together may each have one), not the first.
test_every_repository_of_a_name_is_linked if {
	first := object.union(fx.tf_repo("shared", {"tagMutability": fx.tf_mutability("MUTABLE")}), {"id": "first"})
	second := object.union(fx.tf_repo("shared", {"tagMutability": fx.tf_mutability("MUTABLE")}), {
		"id": "second",
		"location": {"file": "other.json", "line": 4},
	})
	m := fx.model([first, immutable, second], [], [], [fx.workload("w", [img("api", "shared", "1.0")])])
	fx.msgs(ecr008.deny) == {"Images are pulled by references that can move: api (123456789012.dkr.ecr.eu-west-1.amazonaws.com/shared:1.0): repository first accepts tag overwrites and repository second accepts tag overwrites; pin each image by digest (@sha256:...) or use a tag of an immutable repository."} with input as m
}

test_one_finding_per_workload_naming_each_offender_in_order if {
	images := [
		img("web", "app", "1.0"),
		img("api", "mut", "2.0"),
		fx.image("otel", sprintf("public.ecr.aws/otel@%s", [digest]), null, "otel", null, digest),
		img("worker", "app", null),
	]
	fx.msgs(ecr008.deny) == {"Images are pulled by references that can move: api (123456789012.dkr.ecr.eu-west-1.amazonaws.com/mut:2.0): repository aws_ecr_repository.mut accepts tag overwrites; worker (123456789012.dkr.ecr.eu-west-1.amazonaws.com/app): no tag, so it pulls latest; pin each image by digest (@sha256:...) or use a tag of an immutable repository."} with input as run(images)
	count(ecr008.deny) == 1 with input as run(images)
}

test_several_workloads if {
	workloads := [
		fx.workload("w1", [img("a", "app", "latest")]),
		fx.workload("w2", [img("a", "app", "1.0")]),
		object.union(fx.workload("Fn", [img("Code.ImageUri", "mut", "1")]), {"type": "AWS::Lambda::Function"}),
	]
	m := fx.model(all_repos, [], [], workloads)
	fx.resources(ecr008.deny) == {"w1", "Fn"} with input as m
	{f.resourceType | some f in ecr008.deny} == {"aws_ecs_task_definition", "AWS::Lambda::Function"} with input as m
}

test_rule_id_from_annotations if {
	ecr008.rule_id == "ECR008"
}

# Lone templates checked together may share logical ids: a URI reference names the repository of its own file.
test_link_by_id_stays_in_the_workloads_file if {
	other_file_mutable := object.union(fx.tf_repo("twin", {"tagMutability": fx.tf_mutability("MUTABLE")}), {
		"id": "AppRepo",
		"location": {"file": "other.yaml", "line": 3},
	})
	same_file_immutable := object.union(fx.tf_repo("twin", {}), {"id": "AppRepo"})
	image := fx.image("api", "${AppRepo.RepositoryUri}:v1", "AppRepo", null, "v1", null)
	count(ecr008.deny) == 0 with input as fx.model(
		[other_file_mutable, same_file_immutable], [], [],
		[fx.workload("AWS::ECS::TaskDefinition", [image])],
	)
	count(ecr008.deny) == 1 with input as fx.model(
		[object.union(other_file_mutable, {"location": {"file": "plan.json", "line": 3}})], [], [],
		[fx.workload("AWS::ECS::TaskDefinition", [image])],
	)
}

# A reference whose repository part is only known at deploy (an export of another stack, a parameter without a
# default, a repository of another configuration): the loader links it to nothing and keeps its literal tag.
partial(container, ref, tag, dig) := fx.image(container, ref, null, null, tag, dig)

test_partial_reference_judged_by_its_latest_tag if {
	fx.msgs(ecr008.deny) == {"Images are pulled by references that can move: api (${Fn::ImportValue OrdersRepoUri}:latest): the tag latest moves with every push; pin each image by digest (@sha256:...) or use a tag of an immutable repository."} with input as run([partial("api", "${Fn::ImportValue OrdersRepoUri}:latest", "latest", null)])
}

test_partial_reference_with_version_tag_not_flagged if {
	count(ecr008.deny) == 0 with input as run([
		partial("api", "${Repo}:2.4.1", "2.4.1", null),
		partial("mut", "${var.repository_url}:1.0", "1.0", null), # not linked: the name "mut" is not known
	])
}

test_partial_reference_with_digest_not_flagged if {
	count(ecr008.deny) == 0 with input as run([
		partial("api", sprintf("${Repo}@%s", [digest]), null, digest),
		partial("web", sprintf("${Repo}:latest@%s", [digest]), "latest", digest),
	])
}

test_partial_reference_without_tag_is_unknown_and_not_flagged if {
	unknown_tag := {
		"container": "api",
		"ref": fx.unknown("image", "the tag of the image is only known at deploy: ${Repo}:${ReleaseTag}"),
		"repository": null,
		"repositoryName": null,
		"tag": null,
		"digest": null,
	}
	count(ecr008.deny) == 0 with input as run([unknown_tag])
}

test_sam_function_is_judged_like_any_workload if {
	sam_function := object.union(
		fx.workload("ApiFunction", [fx.image("ImageUri", "${ImagesRepo.RepositoryUri}:latest", "ImagesRepo", null, "latest", null)]),
		{"type": "AWS::Serverless::Function"},
	)
	repo := object.union(fx.tf_repo("app", {}), {"id": "ImagesRepo"})
	fx.resources(ecr008.deny) == {"ApiFunction"} with input as fx.model([repo], [], [], [sam_function])
}
