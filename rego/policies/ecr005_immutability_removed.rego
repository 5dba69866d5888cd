# METADATA
# title: A change makes an immutable repository's tags overwritable
# description: >-
#   A Terraform change turns an existing repository from immutable (IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION without
#   a catch-all filter) into one whose tags can be overwritten. Reported beside ECR001, naming the before and after
#   values.
# custom:
#   id: ECR005
#   short_name: ImmutabilityRemoved
#   severity: error
#   recommended_actions: >-
#     Keep the repository immutable. If a tag must be re-pointed, delete that tag and push it again rather than making
#     the whole repository mutable.
#   fix:
#     terraform: >-
#       Restore image_tag_mutability = "IMMUTABLE" (or the previous IMMUTABLE_WITH_EXCLUSION filters) in the Terraform
#       configuration before applying, and re-plan.
#     cloudformation: >-
#       Restore ImageTagMutability: IMMUTABLE (or the previous IMMUTABLE_WITH_EXCLUSION filters) before updating the
#       stack.
#     cdk: >-
#       Restore imageTagMutability(TagMutability.IMMUTABLE) (ImmutableRepository's default), or the previous
#       imageTagMutabilityExclusionFilters, before deploying.
#     cdktf: >-
#       Use dev.ecrguard.cdktf.ImmutableEcrRepository (IMMUTABLE by default), or set imageTagMutability("IMMUTABLE") on
#       the EcrRepository again; to keep tags mutable on purpose, use
#       ImmutableEcrRepositoryProps.builder().mutableTagsReason("<reason>").
package ecrguard.rules.ecr005

import rego.v1

import data.ecrguard.lib

rule_id := lib.rule_id(rego.metadata.chain())

findings := [f |
	some repo in input.repositories
	before := repo.before
	is_object(before)
	before_mutability := lib.value(before, "tagMutability")
	before_mutability.state == "known"
	before_mutability.value in lib.valid_mutabilities
	not lib.flags_overwrite(before)
	lib.flags_overwrite(repo)
	tm := lib.value(repo, "tagMutability")
	msg := concat("", [
		lib.attribute(tm, "tagMutability"), " changes from ", lib.describe_mutability(before),
		" to ", lib.describe_mutability(repo),
		", so tags of this existing repository become overwritable; keep it ", lib.describe_mutability(before), ".",
	])
	f := lib.finding(rego.metadata.chain(), repo, msg)
]

# The same findings as a set, for OPA and conftest (the checker reads the array: see main.rego).
deny contains f if some f in findings
