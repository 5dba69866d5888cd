# METADATA
# title: Some tags are excluded from immutability
# description: >-
#   Tag mutability is IMMUTABLE_WITH_EXCLUSION with narrow exclusion filters: tags that match a filter (typically
#   `latest`) can still be overwritten. Without any filter ECR rejects the setting at deploy time. Also
#   MUTABLE_WITH_EXCLUSION with a filter made only of `*`: every tag is immutable in effect, and IMMUTABLE says so.
# custom:
#   id: ECR002
#   short_name: TagsExcludedFromImmutability
#   severity: note
#   recommended_actions: >-
#     Keep the exclusion filters to tags that are meant to move (such as "latest") and never deploy by those tags, or
#     use IMMUTABLE. IMMUTABLE_WITH_EXCLUSION needs 1 to 5 filters.
#   fix:
#     terraform: >-
#       Name only the tags meant to move: image_tag_mutability_exclusion_filter { filter = "latest", filter_type =
#       "WILDCARD" }, or set image_tag_mutability = "IMMUTABLE".
#     cloudformation: >-
#       Name only the tags meant to move: ImageTagMutabilityExclusionFilters: [{ImageTagMutabilityExclusionFilterType:
#       WILDCARD, ImageTagMutabilityExclusionFilterValue: latest}], or set ImageTagMutability: IMMUTABLE. CDK in
#       TypeScript: imageTagMutabilityExclusionFilters: [ecr.ImageTagMutabilityExclusionFilter.wildcard('latest')].
#     cdk: >-
#       Keep the floating tags (ImmutableRepositoryProps.floatingTags, or imageTagMutabilityExclusionFilters) to tags
#       that are meant to move (such as latest), and never deploy by them.
#     cdktf: >-
#       Keep ImmutableEcrRepositoryProps.floatingTags(...) to tags that are meant to move (such as latest), and never
#       deploy by them; leave it unset for a repository where no tag moves.
package ecrguard.rules.ecr002

import rego.v1

import data.ecrguard.lib

rule_id := lib.rule_id(rego.metadata.chain())

# The findings of the cases below, one array each.
findings := [f |
	some case in [
		filters_let_tags_move,
		exclusion_without_filters,
		mutable_but_immutable_in_effect,
	]
	some f in case
]

# The same findings as a set, for OPA and conftest (the checker reads the array: see main.rego).
deny contains f if some f in findings

filters_let_tags_move := [f |
	some res in lib.repositories_and_templates
	tm := lib.value(res, "tagMutability")
	tm.state == "known"
	tm.value == "IMMUTABLE_WITH_EXCLUSION"
	ef := lib.value(res, "exclusionFilters")
	ef.state == "known"
	count(lib.filters(ef)) > 0
	not lib.flags_overwrite(res)
	msg := concat("", [
		lib.attribute(tm, "tagMutability"), " is IMMUTABLE_WITH_EXCLUSION, so tags matching ",
		lib.attribute(ef, "exclusionFilters"), " ", lib.quoted_list(lib.filters(ef)),
		" can still be overwritten; keep these filters to tags that are meant to move, or use IMMUTABLE.",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
]

exclusion_without_filters := [f |
	some res in lib.repositories_and_templates
	tm := lib.value(res, "tagMutability")
	tm.state == "known"
	tm.value == "IMMUTABLE_WITH_EXCLUSION"
	ef := lib.value(res, "exclusionFilters")
	no_filters(ef)
	msg := concat("", [
		lib.attribute(tm, "tagMutability"), " is IMMUTABLE_WITH_EXCLUSION without any ",
		lib.attribute(ef, "exclusionFilters"),
		", which ECR rejects; add a filter for the tags meant to move (such as latest) or use IMMUTABLE.",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
]

mutable_but_immutable_in_effect := [f |
	some res in lib.repositories_and_templates
	lib.immutable_in_effect(res)
	tm := lib.value(res, "tagMutability")
	ef := lib.value(res, "exclusionFilters")
	msg := concat("", [
		lib.attribute(tm, "tagMutability"), " is MUTABLE_WITH_EXCLUSION with ", lib.attribute(ef, "exclusionFilters"),
		" ", lib.quoted_list(lib.filters(ef)), ", which keeps every tag immutable: the repository is immutable in ",
		"effect; set IMMUTABLE to say so plainly.",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
]

no_filters(ef) if ef.state == "absent"

no_filters(ef) if {
	ef.state == "known"
	count(lib.filters(ef)) == 0
}
