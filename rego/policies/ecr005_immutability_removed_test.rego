package ecrguard.rules.ecr005_test

import rego.v1

import data.ecrguard.fixtures as fx
import data.ecrguard.rules.ecr005

iwe := fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION")

# change(before, after): a repository whose plan changes tag mutability from before to after (field overrides).
change(before, after) := fx.tf_repo("app", object.union(after, {"before": before}))

test_immutable_to_mutable if {
	r := change({"tagMutability": fx.tf_mutability("IMMUTABLE")}, {"tagMutability": fx.tf_mutability("MUTABLE")})
	ecr005.deny == {{
		"msg": "image_tag_mutability changes from IMMUTABLE to MUTABLE, so tags of this existing repository become overwritable; keep it IMMUTABLE.",
		"ruleId": "ECR005",
		"severity": "error",
		"resource": "aws_ecr_repository.app",
		"resourceType": "aws_ecr_repository",
		"location": {"file": "plan.json", "line": 10},
	}} with input as fx.repos([r])
}

test_immutable_to_absent if {
	r := change(
		{"tagMutability": fx.tf_mutability("IMMUTABLE"), "exclusionFilters": fx.absent("image_tag_mutability_exclusion_filter")},
		{"tagMutability": fx.absent("image_tag_mutability")},
	)
	fx.msgs(ecr005.deny) == {"image_tag_mutability changes from IMMUTABLE to not set (ECR's default MUTABLE), so tags of this existing repository become overwritable; keep it IMMUTABLE."} with input as fx.repos([r])
}

test_narrow_exclusion_to_star if {
	r := change(
		{"tagMutability": iwe, "exclusionFilters": fx.tf_filters(["latest"])},
		{"tagMutability": iwe, "exclusionFilters": fx.tf_filters(["*"])},
	)
	fx.msgs(ecr005.deny) == {`image_tag_mutability changes from IMMUTABLE_WITH_EXCLUSION (exclusion filters "latest") to IMMUTABLE_WITH_EXCLUSION (exclusion filters "*"), so tags of this existing repository become overwritable; keep it IMMUTABLE_WITH_EXCLUSION (exclusion filters "latest").`} with input as fx.repos([r])
}

test_narrow_exclusion_to_mutable_with_exclusion if {
	r := change(
		{"tagMutability": iwe, "exclusionFilters": fx.tf_filters(["latest"])},
		{"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION"), "exclusionFilters": fx.tf_filters(["v*"])},
	)
	fx.msgs(ecr005.deny) == {`image_tag_mutability changes from IMMUTABLE_WITH_EXCLUSION (exclusion filters "latest") to MUTABLE_WITH_EXCLUSION (exclusion filters "v*"), so tags of this existing repository become overwritable; keep it IMMUTABLE_WITH_EXCLUSION (exclusion filters "latest").`} with input as fx.repos([r])
}

test_immutable_in_effect_to_mutable if {
	r := change(
		{"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION"), "exclusionFilters": fx.tf_filters(["*"])},
		{"tagMutability": fx.tf_mutability("MUTABLE")},
	)
	fx.msgs(ecr005.deny) == {`image_tag_mutability changes from MUTABLE_WITH_EXCLUSION (exclusion filters "*") to MUTABLE, so tags of this existing repository become overwritable; keep it MUTABLE_WITH_EXCLUSION (exclusion filters "*").`} with input as fx.repos([r])
}

test_no_finding_when_before_was_already_overwritable if {
	rs := [
		fx.tf_repo("a", {"before": {"tagMutability": fx.tf_mutability("MUTABLE")}, "tagMutability": fx.tf_mutability("MUTABLE")}),
		fx.tf_repo("b", {"before": {"tagMutability": fx.absent("image_tag_mutability")}, "tagMutability": fx.tf_mutability("MUTABLE")}),
		fx.tf_repo("c", {"before": {"tagMutability": iwe, "exclusionFilters": fx.tf_filters(["**"])}, "tagMutability": fx.tf_mutability("MUTABLE")}),
		fx.tf_repo("d", {"before": {"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION")}, "tagMutability": fx.tf_mutability("MUTABLE")}),
	]
	count(ecr005.deny) == 0 with input as fx.repos(rs)
}

test_no_finding_when_after_stays_immutable if {
	rs := [
		fx.tf_repo("a", {"before": {"tagMutability": fx.tf_mutability("IMMUTABLE")}}),
		fx.tf_repo("b", {"before": {"tagMutability": fx.tf_mutability("IMMUTABLE")}, "tagMutability": iwe, "exclusionFilters": fx.tf_filters(["latest"])}),
		fx.tf_repo("c", {"before": {"tagMutability": iwe, "exclusionFilters": fx.tf_filters(["latest"])}, "tagMutability": fx.tf_mutability("IMMUTABLE")}),
	]
	count(ecr005.deny) == 0 with input as fx.repos(rs)
}

test_no_finding_when_either_side_unknown_or_invalid if {
	rs := [
		fx.tf_repo("a", {"before": {"tagMutability": fx.tf_mutability("IMMUTABLE")}, "tagMutability": fx.unknown("image_tag_mutability", "known after apply")}),
		fx.tf_repo("b", {"before": {"tagMutability": fx.unknown("image_tag_mutability", "x")}, "tagMutability": fx.tf_mutability("MUTABLE")}),
		fx.tf_repo("c", {"before": {"tagMutability": fx.tf_mutability("immutable")}, "tagMutability": fx.tf_mutability("MUTABLE")}),
	]
	count(ecr005.deny) == 0 with input as fx.repos(rs)
}

test_no_before_no_finding if {
	r := fx.tf_repo("app", {"tagMutability": fx.tf_mutability("MUTABLE")})
	null_before := fx.tf_repo("b", {"tagMutability": fx.tf_mutability("MUTABLE"), "before": null})
	count(ecr005.deny) == 0 with input as fx.repos([r, null_before])
}

test_rule_id_from_annotations if {
	ecr005.rule_id == "ECR005"
}
