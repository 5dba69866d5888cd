# METADATA
# title: Tag mutability cannot be known before deploy
# description: >-
#   The tag mutability of a repository or creation template cannot be known from the input (a value known only
#   after apply, an interpolation, a parameter without a default, an unevaluable condition, Fn::ImportValue,
#   Fn::GetAtt, a dynamic reference) and one of its possible values would accept tag overwrites; or it is a string
#   that is not one of the four ECR values; or it is IMMUTABLE_WITH_EXCLUSION with exclusion filters that cannot
#   be known. Also a CloudFormation value that is immutable with the parameter values in use but that a deploy can
#   make flagged by giving a parameter another value, and a repository that a condition leaves out with the values in
#   use but that another deploy makes, and then flagged.
# custom:
#   id: ECR004
#   short_name: MutabilityUnknown
#   severity: warning
#   recommended_actions: >-
#     Write the tag mutability as a literal, exactly one of MUTABLE, IMMUTABLE, MUTABLE_WITH_EXCLUSION,
#     IMMUTABLE_WITH_EXCLUSION (IMMUTABLE unless tags must move), with literal exclusion filters.
#   fix:
#     terraform: >-
#       Set image_tag_mutability = "IMMUTABLE" as a literal, not a variable or a value known only after apply.
#     cloudformation: >-
#       Set ImageTagMutability: IMMUTABLE as a literal (or Ref a parameter whose Default and every AllowedValues entry
#       are IMMUTABLE or IMMUTABLE_WITH_EXCLUSION). CDK in TypeScript: imageTagMutability: ecr.TagMutability.IMMUTABLE.
#     cdk: >-
#       Give the tag mutability a value known at synth time: a literal, or a CfnParameter with a default and
#       allowedValues that are all immutable.
#     cdktf: >-
#       Give imageTagMutability a literal ("IMMUTABLE"), not a TerraformVariable or a value known only after apply;
#       ImmutableEcrRepository does.
package ecrguard.rules.ecr004

import rego.v1

import data.ecrguard.lib

rule_id := lib.rule_id(rego.metadata.chain())

# The findings of the cases below, one array each.
findings := [f |
	some case in [
		unknown_anything_possible,
		unknown_with_risky_candidates,
		invalid_values,
		unknown_exclusion_filters,
		risky_parameter_overrides,
		risky_when_deployed,
	]
	some f in case
]

# The same findings as a set, for OPA and conftest (the checker reads the array: see main.rego).
deny contains f if some f in findings

# Unknown mutability, anything possible (no candidates, or an empty list of them).
unknown_anything_possible := [f |
	some res in lib.repositories_and_templates
	tm := lib.value(res, "tagMutability")
	tm.state == "unknown"
	count(object.get(tm, "candidates", [])) == 0
	msg := concat("", [
		lib.attribute(tm, "tagMutability"), " cannot be known before deploy", why(tm),
		", so it may be MUTABLE and let tags be overwritten; set it to a literal IMMUTABLE.",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
]

# Unknown mutability whose enumerated candidates include one that would be flagged.
unknown_with_risky_candidates := [f |
	some res in lib.repositories_and_templates
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
]

# A string that ECR does not accept.
invalid_values := [f |
	some res in lib.repositories_and_templates
	tm := lib.value(res, "tagMutability")
	tm.state == "known"
	not tm.value in lib.valid_mutabilities
	msg := concat("", [
		lib.attribute(tm, "tagMutability"), " is ", lib.quoted(tm.value), why(tm),
		", which is not a valid ECR value (MUTABLE, IMMUTABLE, MUTABLE_WITH_EXCLUSION, IMMUTABLE_WITH_EXCLUSION);",
		" set it to IMMUTABLE.",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
]

# IMMUTABLE_WITH_EXCLUSION whose filters cannot be known: a filter such as `*` would exclude every tag.
unknown_exclusion_filters := [f |
	some res in lib.repositories_and_templates
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
]

# Known and not flagged with the parameter values in use, but a deploy can give a parameter a value that flags it.
risky_parameter_overrides := [f |
	some res in lib.repositories_and_templates
	tm := lib.value(res, "tagMutability")
	tm.state == "known"
	tm.value in lib.valid_mutabilities
	ef := lib.value(res, "exclusionFilters")
	not lib.flags_overwrite(res)
	items := [item |
		some o in object.get(tm, "overrides", [])
		item := concat("", ["it deploys ", risky_override(o, ef), " when ", when(o)])
	]
	count(items) > 0
	msg := concat("", [
		lib.attribute(tm, "tagMutability"), " is ", tm.value, " with the parameter values in use", why(tm),
		", but ", concat("; ", items),
		", which lets tags be overwritten; pass the value with --parameter, or allow only immutable values.",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
]

# Not deployed with the parameter values in use (its Condition is false), but deployed when a deploy gives a
# parameter another value, and then its tags could be overwritten. One finding per resource.
risky_when_deployed := [f |
	some id in {c.resource.id | some c in conditionally_deployed}
	risks := [[c.deployedWhen, risk] |
		some c in conditionally_deployed
		c.resource.id == id
		risk := conditional_risk(c.resource)
	]
	count(risks) > 0
	res := [c.resource | some c in conditionally_deployed; c.resource.id == id][0]
	msg := concat("", [
		"Not deployed with the parameter values in use, but deployed when ",
		concat(" or ", sort({r[0] | some r in risks})), ", and then ", risks[0][1],
		"; make its tags immutable whatever the condition, or pass the parameter with --parameter.",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
]

conditionally_deployed := object.get(input, "conditionallyDeployed", [])

conditional_risk(res) := lib.overwrite_reason(res) if lib.flags_overwrite(res)

conditional_risk(res) := concat("", [lib.attribute(tm, "tagMutability"), " cannot be known before deploy", why(tm)]) if {
	tm := lib.value(res, "tagMutability")
	tm.state == "unknown"
	risky_unknown(tm, lib.value(res, "exclusionFilters"))
}

# risky_unknown(v, ef): an unknown mutability that may be flagged: anything possible, or a flagged candidate.
risky_unknown(v, _) if count(object.get(v, "candidates", [])) == 0

risky_unknown(v, ef) if {
	some c in v.candidates
	risky_candidate(c, ef)
}

# risky_override(o, ef): what a deploy with this override gets, as text, when it would be flagged.
risky_override(o, ef) := lib.show(o.value.value) if {
	o.value.state == "known"
	risky_candidate(o.value.value, ef)
}

risky_override(o, _) := candidate_text(null) if o.value.state == "absent"

risky_override(o, ef) := text if {
	o.value.state == "unknown"
	count(object.get(o.value, "candidates", [])) == 0
	text := "any value it is given, such as MUTABLE"
} else := concat(" or ", [candidate_text(c) | some c in o.value.candidates; risky_candidate(c, ef)]) if {
	o.value.state == "unknown"
	some c in o.value.candidates
	risky_candidate(c, ef)
}

when(o) := concat("", [o.parameter, "=", o.given]) if is_string(o.given)

when(o) := concat("", [o.parameter, " is set to another value"]) if not is_string(object.get(o, "given", null))

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
