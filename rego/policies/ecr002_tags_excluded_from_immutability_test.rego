package ecrguard.rules.ecr002_test

import rego.v1

import data.ecrguard.fixtures as fx
import data.ecrguard.rules.ecr002

iwe := fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION")

test_narrow_filters_named if {
	r := fx.tf_repo("app", {"tagMutability": iwe, "exclusionFilters": fx.tf_filters(["latest", "dev-*"])})
	ecr002.deny == {{
		"msg": `image_tag_mutability is IMMUTABLE_WITH_EXCLUSION, so tags matching image_tag_mutability_exclusion_filter "latest", "dev-*" can still be overwritten; keep these filters to tags that are meant to move, or use IMMUTABLE.`,
		"ruleId": "ECR002",
		"severity": "note",
		"resource": "aws_ecr_repository.app",
		"resourceType": "aws_ecr_repository",
		"location": {"file": "plan.json", "line": 10},
	}} with input as fx.repos([r])
}

test_creation_template_narrow_filters if {
	t := fx.tf_template("mirror", {"tagMutability": iwe, "exclusionFilters": fx.tf_filters(["latest"])})
	ecr002.deny == {{
		"msg": `image_tag_mutability is IMMUTABLE_WITH_EXCLUSION, so tags matching image_tag_mutability_exclusion_filter "latest" can still be overwritten; keep these filters to tags that are meant to move, or use IMMUTABLE.`,
		"ruleId": "ECR002",
		"severity": "note",
		"resource": "aws_ecr_repository_creation_template.mirror",
		"resourceType": "aws_ecr_repository_creation_template",
		"location": {"file": "plan.json", "line": 50},
	}} with input as fx.templates([t])
}

test_star_filters_are_ecr001_not_ecr002 if {
	star := fx.tf_repo("a", {"tagMutability": iwe, "exclusionFilters": fx.tf_filters(["*"])})
	double_star := fx.tf_repo("b", {"tagMutability": iwe, "exclusionFilters": fx.tf_filters(["latest", "**"])})
	template_star := fx.tf_template("c", {"tagMutability": iwe, "exclusionFilters": fx.tf_filters(["*"])})
	count(ecr002.deny) == 0 with input as fx.model([star, double_star], [template_star], [], [])
}

test_absent_filters_rejected_by_ecr if {
	r := fx.cfn_repo("Repo", {"tagMutability": fx.cfn_mutability("IMMUTABLE_WITH_EXCLUSION")})
	fx.msgs(ecr002.deny) == {"ImageTagMutability is IMMUTABLE_WITH_EXCLUSION without any ImageTagMutabilityExclusionFilters, which ECR rejects; add a filter for the tags meant to move (such as latest) or use IMMUTABLE."} with input as fx.repos([r])
	fx.resources(ecr002.deny) == {"AppStack/Repo"} with input as fx.repos([r])
}

test_empty_filters_rejected_by_ecr if {
	t := fx.tf_template("mirror", {"tagMutability": iwe, "exclusionFilters": fx.tf_filters([])})
	fx.msgs(ecr002.deny) == {"image_tag_mutability is IMMUTABLE_WITH_EXCLUSION without any image_tag_mutability_exclusion_filter, which ECR rejects; add a filter for the tags meant to move (such as latest) or use IMMUTABLE."} with input as fx.templates([t])
}

test_unknown_filters_left_to_ecr004 if {
	r := fx.tf_repo("app", {
		"tagMutability": iwe,
		"exclusionFilters": fx.unknown("image_tag_mutability_exclusion_filter", "known after apply"),
	})
	count(ecr002.deny) == 0 with input as fx.repos([r])
}

test_other_modes_not_flagged if {
	rs := [
		fx.tf_repo("a", {}),
		fx.tf_repo("b", {"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION"), "exclusionFilters": fx.tf_filters(["v*"])}),
		fx.tf_repo("c", {"tagMutability": fx.absent("image_tag_mutability")}),
		fx.tf_repo("d", {"tagMutability": fx.unknown_candidates("image_tag_mutability", "x", ["IMMUTABLE_WITH_EXCLUSION"]), "exclusionFilters": fx.tf_filters(["latest"])}),
		fx.tf_repo("e", {"tagMutability": fx.tf_mutability("immutable_with_exclusion"), "exclusionFilters": fx.tf_filters(["latest"])}),
	]
	count(ecr002.deny) == 0 with input as fx.repos(rs)
}

test_mutable_with_exclusion_of_every_tag_is_immutable_in_effect if {
	r := fx.tf_repo("app", {"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION"), "exclusionFilters": fx.tf_filters(["*"])})
	t := fx.cfn_repo("Mirror", {
		"tagMutability": fx.cfn_mutability("MUTABLE_WITH_EXCLUSION"),
		"exclusionFilters": fx.cfn_filters(["release-*", "**"]),
	})
	fx.msgs(ecr002.deny) == {
		`image_tag_mutability is MUTABLE_WITH_EXCLUSION with image_tag_mutability_exclusion_filter "*", which keeps every tag immutable: the repository is immutable in effect; set IMMUTABLE to say so plainly.`,
		`ImageTagMutability is MUTABLE_WITH_EXCLUSION with ImageTagMutabilityExclusionFilters "release-*", "**", which keeps every tag immutable: the repository is immutable in effect; set IMMUTABLE to say so plainly.`,
	} with input as fx.repos([r, t])
}

test_repositories_and_templates_together if {
	r := fx.tf_repo("app", {"tagMutability": iwe, "exclusionFilters": fx.tf_filters(["latest"])})
	t := fx.tf_template("mirror", {"tagMutability": iwe})
	fx.resources(ecr002.deny) == {"aws_ecr_repository.app", "aws_ecr_repository_creation_template.mirror"} with input as fx.model([r], [t], [], [])
	count(ecr002.deny) == 2 with input as fx.model([r], [t], [], [])
}

test_rule_id_from_annotations if {
	ecr002.rule_id == "ECR002"
}
