package ecrguard.rules.ecr009_test

import rego.v1

import data.ecrguard.fixtures as fx
import data.ecrguard.rules.ecr009

provider(constraint) := fx.known(constraint, "terraform.required_providers.aws.version")

floating(name, constraint) := fx.tf_repo(name, {
	"tagMutability": fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION"),
	"exclusionFilters": fx.tf_filters(["latest"]),
	"awsProviderVersion": constraint,
})

# The table the CDKTF construct's own check had (ProviderVersions), now the rule's: does the constraint guarantee
# the 6.8.0 that repositories need?
test_lower_bound_must_be_at_least_the_minimum if {
	guaranteed := {
		"~> 6.8", "~> 6.8.0", "~> 6.10", ">= 6.8.0", ">= 6.8.0, < 7.0.0", "6.8.0", "= 6.9.1", "> 6.8.0", "~> 7.0",
		"v6.8.0", "6.21.0-beta1", " >= 6.8 ", "~> 6.8,!= 6.9.0",
	}
	not_guaranteed := {
		"5.23.1", "~> 5.0", "~> 6.7", ">= 6.0", "~> 6", "< 7.0.0", "!= 6.8.0", ">= 5.0, != 5.1.0", "latest", "",
		">= 6.8.0, latest", "6.8.0.1", ">=", "~> 6.x", ",",
	}
	every c in guaranteed {
		ecr009.guarantees(fx.known(c, "v"), [6, 8, 0])
	}
	every c in not_guaranteed {
		not ecr009.guarantees(fx.known(c, "v"), [6, 8, 0])
	}
}

test_versions_compare_by_number_not_text if {
	ecr009.guarantees(fx.known("~> 6.10", "v"), [6, 10, 0])
	ecr009.guarantees(fx.known(">= 6.10.1", "v"), [6, 10, 0])
	ecr009.guarantees(fx.known(">= 10.0", "v"), [6, 10, 0])
	not ecr009.guarantees(fx.known("~> 6.9", "v"), [6, 10, 0])
	not ecr009.guarantees(fx.known(">= 6.9.99", "v"), [6, 10, 0])
	not ecr009.guarantees(fx.absent("v"), [6, 8, 0])
	not ecr009.guarantees(fx.unknown("v", "why"), [6, 8, 0])
}

test_a_repository_with_exclusions_under_an_old_constraint if {
	ecr009.deny == {{
		"msg": concat("", [
			"It uses image_tag_mutability IMMUTABLE_WITH_EXCLUSION, which hashicorp/aws has only from 6.8.0, but the AWS ",
			"provider version constraint (terraform.required_providers.aws.version) is \"5.23.1\", which admits older ",
			"versions; require 6.8.0 or later, such as \"~> 6.8\".",
		]),
		"ruleId": "ECR009",
		"severity": "error",
		"resource": "aws_ecr_repository.web",
		"resourceType": "aws_ecr_repository",
		"location": {"file": "plan.json", "line": 10},
	}} with input as fx.repos([floating("web", provider("5.23.1"))])
}

test_no_constraint_admits_every_version if {
	fx.msgs(ecr009.deny) == {concat("", [
		"It uses image_tag_mutability IMMUTABLE_WITH_EXCLUSION, which hashicorp/aws has only from 6.8.0, but no AWS ",
		"provider version constraint is set (terraform.required_providers.aws.version), so any version may be ",
		"installed; require 6.8.0 or later, such as \"~> 6.8\".",
	])} with input as fx.repos([floating("web", fx.absent("terraform.required_providers.aws.version"))])
}

test_a_constraint_that_cannot_be_read_guarantees_nothing if {
	fx.msgs(ecr009.deny) == {
		concat("", [
			"It uses image_tag_mutability IMMUTABLE_WITH_EXCLUSION, which hashicorp/aws has only from 6.8.0, but the AWS ",
			"provider version constraint (terraform.required_providers.aws.version) is \"latest\" and cannot be read as ",
			"a version constraint, so it guarantees no version; require 6.8.0 or later, such as \"~> 6.8\".",
		]),
		concat("", [
			"It uses image_tag_mutability IMMUTABLE_WITH_EXCLUSION, which hashicorp/aws has only from 6.8.0, but the AWS ",
			"provider version constraint (terraform.required_providers.aws.version) is not known before deploy and ",
			"cannot be read as a version constraint, so it guarantees no version; require 6.8.0 or later, such as ",
			"\"~> 6.8\".",
		]),
	} with input as fx.repos([
		floating("a", provider("latest")),
		floating("b", fx.unknown("terraform.required_providers.aws.version", "the version is not a string")),
	])
}

test_creation_templates_need_6_10 if {
	t := fx.tf_template("ROOT", {
		"tagMutability": fx.known("MUTABLE_WITH_EXCLUSION", "image_tag_mutability"),
		"exclusionFilters": fx.known(["release-*"], "image_tag_mutability_exclusion_filter"),
		"awsProviderVersion": provider("~> 6.8"),
	})
	fx.msgs(ecr009.deny) == {concat("", [
		"It uses image_tag_mutability MUTABLE_WITH_EXCLUSION, which hashicorp/aws has only from 6.10.0, but the AWS ",
		"provider version constraint (terraform.required_providers.aws.version) is \"~> 6.8\", which admits older ",
		"versions; require 6.10.0 or later, such as \"~> 6.10\".",
	])} with input as fx.templates([t])
	count(ecr009.deny) == 0 with input as fx.templates([object.union(t, {"awsProviderVersion": provider("~> 6.10")})])
}

test_filter_blocks_alone_count_as_exclusions if {
	r := fx.tf_repo("web", {
		"tagMutability": fx.tf_mutability("IMMUTABLE"),
		"exclusionFilters": fx.tf_filters(["latest"]),
		"awsProviderVersion": provider("~> 5.0"),
	})
	fx.msgs(ecr009.deny) == {concat("", [
		"It uses image_tag_mutability_exclusion_filter, which hashicorp/aws has only from 6.8.0, but the AWS provider ",
		"version constraint (terraform.required_providers.aws.version) is \"~> 5.0\", which admits older versions; ",
		"require 6.8.0 or later, such as \"~> 6.8\".",
	])} with input as fx.repos([r])
}

test_not_flagged if {
	rs := [
		floating("new-enough", provider(">= 6.8.0, < 7.0.0")),
		fx.tf_repo("no-exclusions", {"awsProviderVersion": provider("5.23.1")}),
		fx.tf_repo("unknown-mutability", {
			"tagMutability": fx.unknown("image_tag_mutability", "known after apply"),
			"awsProviderVersion": provider("5.23.1"),
		}),
		# a state, or an input that does not say which provider versions it requires
		object.remove(floating("state", null), ["awsProviderVersion"]),
		floating("null-constraint", null),
		# CloudFormation has no provider
		fx.cfn_repo("Repo", {
			"tagMutability": fx.cfn_mutability("IMMUTABLE_WITH_EXCLUSION"),
			"exclusionFilters": fx.cfn_filters(["latest"]),
			"awsProviderVersion": fx.absent("terraform.required_providers.aws.version"),
		}),
	]
	count(ecr009.deny) == 0 with input as fx.repos(rs)
}
