# METADATA
# title: A workload pulls an image by a reference that can move
# description: >-
#   A workload (ECS task definition, Lambda or SAM function, Batch job definition, App Runner service) pulls an image by a
#   reference that can move: no tag and no digest (which means latest), the tag latest, or a tag of a repository in
#   the same input that accepts tag overwrites (ECR001) or whose exclusion filters match that tag. A reference with
#   a digest (@sha256:...) never moves. A reference whose repository is only known at deploy (an export of another
#   stack, a parameter) is judged by its literal tag. One finding per workload, naming each offending container and
#   reference.
# custom:
#   id: ECR008
#   short_name: WorkloadImageCanMove
#   severity: warning
#   recommended_actions: >-
#     Pin each image by digest (repository@sha256:...), or deploy by a version tag of a repository whose tags are
#     immutable (IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION with filters that do not match the tag). Never deploy by
#     latest.
#   fix:
#     terraform: >-
#       Pin the image by digest: image = "${aws_ecr_repository.app.repository_url}@${var.digest}", or use an immutable
#       version tag.
#     cloudformation: >-
#       Pin the image by digest: !Sub "${AppRepo.RepositoryUri}@${ImageDigest}", or use an immutable version tag. CDK
#       in TypeScript: ecs.ContainerImage.fromEcrRepository(repo, tagOrDigest) with a digest, or an immutable version
#       tag.
#     cdk: >-
#       Deploy an immutable tag (ContainerImage.fromEcrRepository(repo, "1.4.2")) or a digest (@sha256:...), never
#       latest or a tag of a mutable repository.
#     cdktf: >-
#       Set the container image to the repository URL with a digest (repo.getRepositoryUrl() + "@sha256:...") or an
#       immutable version tag, never latest or a tag of a mutable repository.
package ecrguard.rules.ecr008

import rego.v1

import data.ecrguard.lib

rule_id := lib.rule_id(rego.metadata.chain())

findings := [f |
	some workload in input.workloads
	items := [item |
		some image in workload.images
		reasons := image_reasons(workload, image)
		count(reasons) > 0
		item := concat("", [
			lib.show(object.get(image, "container", "image")), " (", lib.show(image.ref.value), "): ",
			concat(" and ", sort(reasons)),
		])
	]
	count(items) > 0
	msg := concat("", [
		"Images are pulled by references that can move: ", concat("; ", items),
		"; pin each image by digest (@sha256:...) or use a tag of an immutable repository.",
	])
	f := lib.finding(rego.metadata.chain(), workload, msg)
]

# The same findings as a set, for OPA and conftest (the checker reads the array: see main.rego).
deny contains f if some f in findings

# image_reasons(workload, image): why this image reference can move (empty when it cannot).
image_reasons(workload, image) := {reason |
	image.ref.state == "known"
	not has_digest(image)
	some reason in tag_reasons(workload, image, object.get(image, "tag", null))
}

has_digest(image) if {
	digest := object.get(image, "digest", null)
	digest != null
	digest != ""
}

tag_reasons(_, _, null) := {"no tag, so it pulls latest"}

tag_reasons(workload, image, tag) := (latest_reasons(tag) | overwrite_reasons(workload, image, tag)) | filter_reasons(workload, image, tag) if tag != null

latest_reasons(tag) := {"the tag latest moves with every push" | tag == "latest"}

overwrite_reasons(workload, image, tag) := {concat("", ["repository ", repo.id, " accepts tag overwrites"]) |
	some repo in linked_repositories(workload, image)
	lib.flags_overwrite(repo)
	lib.tag_can_move(repo, tag)
}

filter_reasons(workload, image, tag) := {msg |
	some repo in linked_repositories(workload, image)
	lib.effective_mutability(lib.value(repo, "tagMutability")) == "IMMUTABLE_WITH_EXCLUSION"
	not lib.flags_overwrite(repo)
	some pattern in lib.filters(lib.value(repo, "exclusionFilters"))
	lib.wildcard_match(pattern, tag)
	msg := concat("", ["the tag matches exclusion filter ", lib.quoted(pattern), " of repository ", repo.id])
}

# linked_repositories(workload, image): the repositories of this input that the reference points at: by id (a URI
# reference names a repository of the workload's own file: lone templates in one check may share logical ids), or
# by repository name. Looked up through indexes: a large plan pairs thousands of images with hundreds of
# repositories. The indexes and the set of links hold positions in input.repositories, not the repositories: OPA's
# wasm runtime hashes every element a set receives, and hashing whole repositories was most of this rule's time
# on the 231 MB plan of bench/.
linked_repositories(workload, image) := [input.repositories[i] | some i in linked_positions(workload, image)]

linked_positions(workload, image) := {i |
	some i in repositories_by_id[image.repository]
	same_file(workload, input.repositories[i])
} | {i | some i in repositories_by_name[image.repositoryName]}

same_file(a, b) if object.get(a, ["location", "file"], null) == object.get(b, ["location", "file"], null)

# Each index is built in one pass over the repositories (a comprehension per key scanned them all for every
# repository, quadratic in repositories), and read whole into a complete rule, so it is built once per evaluation
# (a partial rule looked up by key is re-evaluated at every lookup).
repositories_by_id := {id: positions | some id, positions in positions_with_id}

repositories_by_name := {name: positions | some name, positions in positions_with_name}

positions_with_id[repo.id] contains i if some i, repo in input.repositories

positions_with_name[name] contains i if {
	some i, repo in input.repositories
	name := known_name(repo)
}

known_name(repo) := name.value if {
	name := lib.value(repo, "name")
	name.state == "known"
}
