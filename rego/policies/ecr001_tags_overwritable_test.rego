package ecrguard.rules.ecr001_test

import rego.v1

import data.ecrguard.fixtures as fx
import data.ecrguard.rules.ecr001

test_absent_is_default_mutable if {
	r := fx.tf_repo("app", {"tagMutability": fx.absent("image_tag_mutability")})
	ecr001.deny == {{
		"msg": "image_tag_mutability is not set, so ECR's default MUTABLE applies and any tag can be overwritten; set image_tag_mutability to IMMUTABLE.",
		"ruleId": "ECR001",
		"severity": "error",
		"resource": "aws_ecr_repository.app",
		"resourceType": "aws_ecr_repository",
		"location": {"file": "plan.json", "line": 10},
	}} with input as fx.repos([r])
}

test_missing_field_counts_as_absent if {
	r := object.remove(fx.tf_repo("app", {}), ["tagMutability"])
	fx.msgs(ecr001.deny) == {"tagMutability is not set, so ECR's default MUTABLE applies and any tag can be overwritten; set tagMutability to IMMUTABLE."} with input as fx.repos([r])
}

test_mutable if {
	r := fx.tf_repo("app", {"tagMutability": fx.tf_mutability("MUTABLE")})
	fx.msgs(ecr001.deny) == {"image_tag_mutability is MUTABLE, so any tag can be overwritten; set image_tag_mutability to IMMUTABLE."} with input as fx.repos([r])
}

test_mutable_with_exclusion if {
	r := fx.tf_repo("app", {
		"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION"),
		"exclusionFilters": fx.tf_filters(["release-*"]),
	})
	fx.msgs(ecr001.deny) == {`image_tag_mutability is MUTABLE_WITH_EXCLUSION, so only tags matching image_tag_mutability_exclusion_filter "release-*" are immutable; every other tag, such as a commit-SHA tag, can be overwritten; set image_tag_mutability to IMMUTABLE.`} with input as fx.repos([r])
}

test_mutable_with_exclusion_of_every_tag_is_immutable_in_effect if {
	rs := [
		fx.tf_repo("star", {"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION"), "exclusionFilters": fx.tf_filters(["*"])}),
		fx.tf_repo("stars", {"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION"), "exclusionFilters": fx.tf_filters(["v*", "**"])}),
	]
	count(ecr001.deny) == 0 with input as fx.repos(rs)
}

test_mutable_with_exclusion_without_filters if {
	r := fx.tf_repo("app", {"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION")})
	fx.msgs(ecr001.deny) == {"image_tag_mutability is MUTABLE_WITH_EXCLUSION without exclusion filters (which ECR rejects), so every tag can be overwritten; set image_tag_mutability to IMMUTABLE."} with input as fx.repos([r])
}

test_mutable_with_exclusion_of_unknown_filters if {
	r := fx.tf_repo("app", {
		"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION"),
		"exclusionFilters": fx.unknown("image_tag_mutability_exclusion_filter", "known after apply"),
	})
	fx.msgs(ecr001.deny) == {"image_tag_mutability is MUTABLE_WITH_EXCLUSION and image_tag_mutability_exclusion_filter cannot be known before deploy, so every tag that matches none of them can be overwritten; set image_tag_mutability to IMMUTABLE."} with input as fx.repos([r])
}

test_immutable_with_exclusion_star if {
	r := fx.cfn_repo("Repo", {
		"tagMutability": fx.cfn_mutability("IMMUTABLE_WITH_EXCLUSION"),
		"exclusionFilters": fx.cfn_filters(["latest", "*"]),
	})
	ecr001.deny == {{
		"msg": `ImageTagMutability is IMMUTABLE_WITH_EXCLUSION but ImageTagMutabilityExclusionFilters has "*", which matches every tag, so any tag can be overwritten; set ImageTagMutability to IMMUTABLE.`,
		"ruleId": "ECR001",
		"severity": "error",
		"resource": "AppStack/Repo",
		"resourceType": "AWS::ECR::Repository",
		"location": {"file": "cdk.out/AppStack.template.json", "line": 7, "constructPath": "App/Repo"},
	}} with input as fx.repos([r])
}

test_immutable_with_exclusion_double_star if {
	r := fx.tf_repo("app", {
		"tagMutability": fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION"),
		"exclusionFilters": fx.tf_filters(["**", "latest", "*"]),
	})
	fx.msgs(ecr001.deny) == {`image_tag_mutability is IMMUTABLE_WITH_EXCLUSION but image_tag_mutability_exclusion_filter has "**", "*", which matches every tag, so any tag can be overwritten; set image_tag_mutability to IMMUTABLE.`} with input as fx.repos([r])
}

test_immutable_with_narrow_exclusion_not_flagged if {
	r := fx.tf_repo("app", {
		"tagMutability": fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION"),
		"exclusionFilters": fx.tf_filters(["latest", "dev-*", "*-rc"]),
	})
	count(ecr001.deny) == 0 with input as fx.repos([r])
}

test_immutable_with_exclusion_without_filters_not_flagged if {
	absent_filters := fx.tf_repo("a", {"tagMutability": fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION")})
	empty_filters := fx.tf_repo("b", {
		"tagMutability": fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION"),
		"exclusionFilters": fx.tf_filters([]),
	})
	unknown_filters := fx.tf_repo("c", {
		"tagMutability": fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION"),
		"exclusionFilters": fx.unknown("image_tag_mutability_exclusion_filter", "known after apply"),
	})
	count(ecr001.deny) == 0 with input as fx.repos([absent_filters, empty_filters, unknown_filters])
}

test_immutable_unknown_invalid_not_flagged if {
	immutable := fx.tf_repo("a", {})
	unknown := fx.tf_repo("b", {"tagMutability": fx.unknown("image_tag_mutability", "known after apply")})
	candidates := fx.tf_repo("c", {"tagMutability": fx.unknown_candidates("image_tag_mutability", "x", ["MUTABLE"])})
	invalid := fx.tf_repo("d", {"tagMutability": fx.tf_mutability("immutable")})
	lowercase_mutable := fx.tf_repo("e", {"tagMutability": fx.tf_mutability("mutable")})
	count(ecr001.deny) == 0 with input as fx.repos([immutable, unknown, candidates, invalid, lowercase_mutable])
}

test_creation_templates_are_not_repositories if {
	t := fx.tf_template("ROOT", {"tagMutability": fx.tf_mutability("MUTABLE")})
	count(ecr001.deny) == 0 with input as fx.templates([t])
}

test_one_finding_per_flagged_repository if {
	rs := [
		fx.tf_repo("a", {"tagMutability": fx.tf_mutability("MUTABLE")}),
		fx.tf_repo("b", {}),
		fx.tf_repo("c", {"tagMutability": fx.absent("image_tag_mutability")}),
		fx.cfn_repo("D", {"tagMutability": fx.absent("ImageTagMutability")}),
	]
	fx.resources(ecr001.deny) == {"aws_ecr_repository.a", "aws_ecr_repository.c", "AppStack/D"} with input as fx.repos(rs)
	count(ecr001.deny) == 3 with input as fx.repos(rs)
}

test_empty_model if {
	count(ecr001.deny) == 0 with input as fx.model([], [], [], [])
}

test_rule_id_from_annotations if {
	ecr001.rule_id == "ECR001"
}
