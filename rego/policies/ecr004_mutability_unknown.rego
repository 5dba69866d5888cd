# METADATA
# title: Tag mutability cannot be known before deploy
# description: >-
#   The tag mutability of a repository or creation template cannot be known from the input (a value known only
#   after apply, an interpolation, a parameter without a default, an unevaluable condition, Fn::ImportValue,
#   Fn::GetAtt, a dynamic reference) and one of its possible values would accept tag overwrites; or it is a string
#   that is not one of the four ECR values; or it is IMMUTABLE_WITH_EXCLUSION with exclusion filters that cannot
#   be known.
# custom:
#   id: ECR004
#   severity: warning
#   recommended_actions: >-
#     Write the tag mutability as a literal: Terraform image_tag_mutability = "IMMUTABLE" (not a variable or a value
#     known only after apply); CloudFormation ImageTagMutability: IMMUTABLE (or a parameter whose Default and every
#     AllowedValues entry are IMMUTABLE or IMMUTABLE_WITH_EXCLUSION); CDK imageTagMutability:
#     ecr.TagMutability.IMMUTABLE. Use exactly one of MUTABLE, IMMUTABLE, MUTABLE_WITH_EXCLUSION,
#     IMMUTABLE_WITH_EXCLUSION, and literal exclusion filters.
package ecrguard.rules.ecr004

import rego.v1

import data.ecrguard.lib

rule_id := lib.rule_id(rego.metadata.chain())

resources := lib.repositories_and_templates

# Unknown mutability, anything possible (no candidates, or an empty list of them).
deny contains f if {
	some res in resources
	tm := lib.value(res, "tagMutability")
	tm.state == "unknown"
	count(object.get(tm, "candidates", [])) == 0
	msg := concat("", [
		lib.attribute(tm, "tagMutability"), " cannot be known before deploy", why(tm),
		", so it may be MUTABLE and let tags be overwritten; set it to a literal IMMUTABLE.",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
}

# Unknown mutability whose enumerated candidates include one that would be flagged.
deny contains f if {
	some res in resources
	tm := lib.value(res, "tagMutability")
	tm.state == "unknown"
	ef := lib.value(res, "exclusionFilters")
	risky := [candidate_text(c) | some c in tm.candidates; risky_candidate(c, ef)]
	count(risky) > 0
	msg := concat("", [
		lib.attribute(tm, "tagMutability"), " cannot be known before deploy", why(tm),
		" and may be ", concat(" or ", risky),
		", which lets tags be overwritten; set it to a literal IMMUTABLE.",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
}

# A string that ECR does not accept.
deny contains f if {
	some res in resources
	tm := lib.value(res, "tagMutability")
	tm.state == "known"
	not tm.value in lib.valid_mutabilities
	msg := concat("", [
		lib.attribute(tm, "tagMutability"), " is ", lib.quoted(tm.value), why(tm),
		", which is not a valid ECR value (MUTABLE, IMMUTABLE, MUTABLE_WITH_EXCLUSION, IMMUTABLE_WITH_EXCLUSION);",
		" set it to IMMUTABLE.",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
}

# IMMUTABLE_WITH_EXCLUSION whose filters cannot be known: a filter such as `*` would exclude every tag.
deny contains f if {
	some res in resources
	tm := lib.value(res, "tagMutability")
	tm.state == "known"
	tm.value == "IMMUTABLE_WITH_EXCLUSION"
	ef := lib.value(res, "exclusionFilters")
	ef.state == "unknown"
	msg := concat("", [
		lib.attribute(tm, "tagMutability"), " is IMMUTABLE_WITH_EXCLUSION but ",
		lib.attribute(ef, "exclusionFilters"), " cannot be known before deploy", why(ef),
		", and a filter such as \"*\" would let every tag be overwritten; write the filters as literals.",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
}

# A candidate of null means the property is removed, so ECR's default MUTABLE applies.
candidate_mutability(null) := "MUTABLE"

candidate_mutability(c) := c if c != null

risky_candidate(c, ef) if lib.overwritable(candidate_mutability(c), lib.filters(ef))

risky_candidate("IMMUTABLE_WITH_EXCLUSION", ef) if ef.state == "unknown"

candidate_text(null) := "unset (ECR's default MUTABLE)"

candidate_text(c) := lib.show(c) if c != null

why(v) := concat("", [" (", v.why, ")"]) if {
	is_string(v.why)
	v.why != ""
} else := ""
