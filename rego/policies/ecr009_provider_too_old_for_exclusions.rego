# METADATA
# title: The AWS provider version constraint admits a provider without tag mutability exclusions
# description: >-
#   A Terraform configuration or plan uses tag mutability exclusions (IMMUTABLE_WITH_EXCLUSION,
#   MUTABLE_WITH_EXCLUSION or image_tag_mutability_exclusion_filter blocks), which hashicorp/aws has on
#   aws_ecr_repository only from 6.8.0 and on aws_ecr_repository_creation_template only from 6.10.0, but its AWS
#   provider version constraint admits an older provider, or none is set. Terraform may then install a provider that
#   cannot plan the setting; cdktf-provider-aws 18.x pins the stack to the 5.x provider it was generated from. Judged
#   where the input says which provider versions it requires: CDKTF stacks, Terraform plans, and Terraform JSON files
#   that declare terraform.required_providers for hashicorp/aws.
# custom:
#   id: ECR009
#   short_name: ProviderTooOldForExclusions
#   severity: error
#   recommended_actions: >-
#     Require an AWS provider that has the setting: a version constraint whose lower bound is 6.8.0 or later (6.10.0
#     or later with a repository creation template), such as "~> 6.10".
#   fix:
#     terraform: >-
#       Set the version in terraform { required_providers { aws = { source = "hashicorp/aws", version = "~> 6.10" } } }
#       (6.8.0 or later for repositories, 6.10.0 or later for creation templates), then run terraform init -upgrade.
#     cloudformation: >-
#       Nothing to change in CloudFormation, which has no provider version; the rule judges Terraform inputs only. When
#       the same repositories are deployed with Terraform, require hashicorp/aws 6.8.0 or later (6.10.0 or later with
#       creation templates).
#     cdk: >-
#       Nothing to change in an AWS CDK app, which deploys through CloudFormation; the rule judges Terraform inputs
#       only. With CDK for Terraform, see the CDKTF fix.
#     cdktf: >-
#       Call stack.addOverride("terraform.required_providers.aws.version", "~> 6.8") on the TerraformStack ("~> 6.10"
#       with a creation template), or build ImmutableEcrRepository with
#       awsProviderVersionMode(AwsProviderVersionMode.SET_ON_STACK), which sets it for you. cdktf-provider-aws 18.x
#       pins the 5.x provider, which lacks the setting.
package ecrguard.rules.ecr009

import rego.v1

import data.ecrguard.lib

rule_id := lib.rule_id(rego.metadata.chain())

# The first provider version with exclusions, by resource type.
minimum_versions := {
	"aws_ecr_repository": [6, 8, 0],
	"aws_ecr_repository_creation_template": [6, 10, 0],
}

findings := [f |
	some res in lib.repositories_and_templates
	minimum := minimum_versions[res.type]
	feature := exclusion_used(res)

	# Only where the input says which provider versions it requires (docs/model.md): a state or a CloudFormation
	# template has no awsProviderVersion.
	constraint := res.awsProviderVersion
	is_object(constraint)
	not guarantees(constraint, minimum)
	msg := concat("", [
		feature, ", which hashicorp/aws has only from ", version_text(minimum), ", but ",
		constraint_text(constraint), "; require ", version_text(minimum), " or later, such as \"~> ",
		format_int(minimum[0], 10), ".", format_int(minimum[1], 10), "\".",
	])
	f := lib.finding(rego.metadata.chain(), res, msg)
]

# The same findings as a set, for OPA and conftest (the checker reads the array: see main.rego).
deny contains f if some f in findings

# exclusion_used(res): how res uses exclusions, as the start of the message (undefined when it does not).
exclusion_used(res) := concat("", ["It uses ", lib.attribute(tm, "tagMutability"), " ", tm.value]) if {
	tm := lib.value(res, "tagMutability")
	tm.state == "known"
	is_string(tm.value)
	endswith(tm.value, "_WITH_EXCLUSION")
} else := concat("", ["It uses ", lib.attribute(ef, "exclusionFilters")]) if {
	ef := lib.value(res, "exclusionFilters")
	ef.state != "absent"
}

version_text(v) := concat(".", [format_int(n, 10) | some n in v])

constraint_text(c) := concat("", [
	"no AWS provider version constraint is set (", lib.attribute(c, "terraform.required_providers.aws.version"),
	"), so any version may be installed",
]) if {
	c.state == "absent"
}

constraint_text(c) := concat("", [
	"the AWS provider version constraint (", lib.attribute(c, "terraform.required_providers.aws.version"), ") is ",
	lib.quoted(c.value), ", which admits older versions",
]) if {
	c.state == "known"
	parses(c.value)
}

constraint_text(c) := concat("", [
	"the AWS provider version constraint (", lib.attribute(c, "terraform.required_providers.aws.version"), ") ",
	known_text(c), " cannot be read as a version constraint, so it guarantees no version",
]) if {
	c.state != "absent"
	not parses(object.get(c, "value", null))
}

known_text(c) := concat("", ["is ", lib.quoted(c.value), " and"]) if c.state == "known"

known_text(c) := "is not known before deploy and" if c.state != "known"

# guarantees(constraint, minimum): every provider version the constraint admits is at least minimum: some term
# sets a lower bound (`= v`, `v`, `>= v`, `> v`, `~> v`) with v >= minimum. A constraint that cannot be read
# guarantees nothing. OPA's semver built-ins are not in its wasm runtime, so versions are parsed here.
guarantees(constraint, minimum) if {
	constraint.state == "known"
	parses(constraint.value)
	some t in terms(constraint.value)
	t.operator in lower_bounds
	at_least(t.version, minimum)
}

lower_bounds := {"=", ">=", ">", "~>"}

# parses(text): every comma-separated term of text is an operator and a version.
parses(text) if {
	is_string(text)
	parts := split(text, ",")
	count(terms(text)) == count(parts)
}

# terms(text): the terms of a Terraform version constraint that can be read, as {"operator", "version"} with the
# version as three numbers (missing parts are 0; a pre-release or build suffix is ignored). No operator means "=".
terms(text) := [t |
	some part in split(text, ",")
	some m in regex.find_all_string_submatch_n(term_pattern, part, 1)
	t := {"operator": operator(m[1]), "version": numbers(m[2])}
]

term_pattern := `^\s*(=|!=|>=|<=|>|<|~>)?\s*v?([0-9]+(?:\.[0-9]+){0,2})(?:[-+][0-9A-Za-z.-]*)?\s*$`

operator("") := "="

operator(op) := op if op != ""

numbers(version) := [to_number(part) | some part in array.slice(array.concat(split(version, "."), ["0", "0"]), 0, 3)]

# at_least(v, m): version v (three numbers) is m or later.
at_least(v, m) if v[0] > m[0]

at_least(v, m) if {
	v[0] == m[0]
	v[1] > m[1]
}

at_least(v, m) if {
	v[0] == m[0]
	v[1] == m[1]
	v[2] >= m[2]
}
