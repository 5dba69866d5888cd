# METADATA
# title: Repository tags can be overwritten
# description: >-
#   The repository accepts tag overwrites: its tag mutability is absent (ECR defaults to MUTABLE), MUTABLE,
#   MUTABLE_WITH_EXCLUSION whose filters (the tags kept immutable) do not match every tag, or
#   IMMUTABLE_WITH_EXCLUSION with an exclusion filter made only of `*`, which matches every tag. A pushed tag can
#   then be moved to another image.
# custom:
#   id: ECR001
#   short_name: TagsOverwritable
#   severity: error
#   recommended_actions: >-
#     Make the repository's tags immutable: IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION with exclusion filters that name
#     only the tags meant to move (such as "latest").
#   fix:
#     terraform: >-
#       Set image_tag_mutability = "IMMUTABLE" on aws_ecr_repository (or "IMMUTABLE_WITH_EXCLUSION" with
#       image_tag_mutability_exclusion_filter blocks naming only the tags meant to move, such as "latest").
#     cloudformation: >-
#       Set ImageTagMutability: IMMUTABLE on AWS::ECR::Repository (or IMMUTABLE_WITH_EXCLUSION with narrow
#       ImageTagMutabilityExclusionFilters). CDK in TypeScript: new ecr.Repository(this, 'Repo', { imageTagMutability:
#       ecr.TagMutability.IMMUTABLE }).
#     cdk: >-
#       Use dev.ecrguard.cdk.ImmutableRepository, or set imageTagMutability(TagMutability.IMMUTABLE)
#       (IMMUTABLE_WITH_EXCLUSION with imageTagMutabilityExclusionFilters naming only the tags meant to move, such as
#       latest). If the tags really must move, accept the rule for that construct only:
#       ImmutableRepositoryProps.mutableTagsReason("why"), or
#       Validations.of(construct).acknowledge(Acknowledgment.builder().id("ECR001").reason("why").build()).
#     cdktf: >-
#       Use dev.ecrguard.cdktf.ImmutableEcrRepository (IMMUTABLE by default), or set imageTagMutability("IMMUTABLE") on
#       the EcrRepository; to keep tags mutable on purpose, use
#       ImmutableEcrRepositoryProps.builder().mutableTagsReason("<reason>").
package ecrguard.rules.ecr001

import rego.v1

import data.ecrguard.lib

rule_id := lib.rule_id(rego.metadata.chain())

findings := [f |
	some repo in input.repositories
	lib.flags_overwrite(repo)
	msg := concat("", [
		lib.overwrite_reason(repo), "; set ",
		lib.attribute(lib.value(repo, "tagMutability"), "tagMutability"), " to IMMUTABLE.",
	])
	f := lib.finding(rego.metadata.chain(), repo, msg)
]

# The same findings as a set, for OPA and conftest (the checker reads the array: see main.rego).
deny contains f if some f in findings
