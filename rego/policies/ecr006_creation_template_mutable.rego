# METADATA
# title: A repository creation template creates repositories whose tags can be overwritten
# description: >-
#   A repository creation template (used for repositories that ECR creates by pull-through cache, replication or
#   create on push) would create repositories that ECR001 flags: its tag mutability is absent (ECR defaults to
#   MUTABLE), MUTABLE, MUTABLE_WITH_EXCLUSION, or IMMUTABLE_WITH_EXCLUSION with a catch-all filter.
# custom:
#   id: ECR006
#   short_name: CreationTemplateMutable
#   severity: error
#   recommended_actions: >-
#     Make the creation template create immutable repositories (IMMUTABLE). Pull-through cache may fail to refresh an
#     immutable cached tag; exclude only such tags with IMMUTABLE_WITH_EXCLUSION and narrow filters.
#   fix:
#     terraform: >-
#       Set image_tag_mutability = "IMMUTABLE" on aws_ecr_repository_creation_template.
#     cloudformation: >-
#       Set ImageTagMutability: IMMUTABLE on AWS::ECR::RepositoryCreationTemplate. CDK in TypeScript: new
#       ecr.CfnRepositoryCreationTemplate(this, 'Template', { ..., imageTagMutability: 'IMMUTABLE' }).
#     cdk: >-
#       Set imageTagMutability IMMUTABLE (or IMMUTABLE_WITH_EXCLUSION with narrow filters) on the
#       CfnRepositoryCreationTemplate.
#     cdktf: >-
#       Set imageTagMutability("IMMUTABLE") on the EcrRepositoryCreationTemplate.
package ecrguard.rules.ecr006

import rego.v1

import data.ecrguard.lib

rule_id := lib.rule_id(rego.metadata.chain())

findings := [f |
	some template in input.creationTemplates
	lib.flags_overwrite(template)
	msg := concat("", [
		"Repositories created by this creation template", prefix_text(template), applied_for_text(template),
		" accept tag overwrites: ", lib.overwrite_reason(template),
		"; set ", lib.attribute(lib.value(template, "tagMutability"), "tagMutability"), " to IMMUTABLE.",
	])
	f := lib.finding(rego.metadata.chain(), template, msg)
]

# The same findings as a set, for OPA and conftest (the checker reads the array: see main.rego).
deny contains f if some f in findings

prefix_text(template) := concat("", [" for prefix ", lib.quoted(prefix.value)]) if {
	prefix := lib.value(template, "prefix")
	prefix.state == "known"
} else := ""

applied_for_text(template) := concat("", [" (applied for ", lib.plain_list(applied.value), ")"]) if {
	applied := lib.value(template, "appliedFor")
	applied.state == "known"
	is_array(applied.value)
	count(applied.value) > 0
} else := ""
