package ecrguard.rules.ecr004_test

import rego.v1

import data.ecrguard.fixtures as fx
import data.ecrguard.rules.ecr004

attr := "ImageTagMutability"

cfn(overrides) := fx.cfn_repo("Repo", overrides)

test_unknown_without_candidates if {
	r := cfn({"tagMutability": fx.unknown(attr, "Fn::ImportValue SharedMode")})
	ecr004.deny == {{
		"msg": "ImageTagMutability cannot be known before deploy (Fn::ImportValue SharedMode), so it may be MUTABLE and let tags be overwritten; set it to a literal IMMUTABLE.",
		"ruleId": "ECR004",
		"severity": "warning",
		"resource": "AppStack/Repo",
		"resourceType": "AWS::ECR::Repository",
		"location": {"file": "cdk.out/AppStack.template.json", "line": 7, "constructPath": "App/Repo"},
	}} with input as fx.repos([r])
}

test_unknown_without_why if {
	r := fx.tf_repo("app", {"tagMutability": {"state": "unknown", "attribute": "image_tag_mutability"}})
	fx.msgs(ecr004.deny) == {"image_tag_mutability cannot be known before deploy, so it may be MUTABLE and let tags be overwritten; set it to a literal IMMUTABLE."} with input as fx.repos([r])
}

test_empty_candidates_mean_anything if {
	r := cfn({"tagMutability": fx.unknown_candidates(attr, "Ref to parameter Mode", [])})
	fx.msgs(ecr004.deny) == {"ImageTagMutability cannot be known before deploy (Ref to parameter Mode), so it may be MUTABLE and let tags be overwritten; set it to a literal IMMUTABLE."} with input as fx.repos([r])
}

test_candidate_mutable if {
	r := cfn({"tagMutability": fx.unknown_candidates(attr, "Fn::If on condition IsProd", ["IMMUTABLE", "MUTABLE"])})
	fx.msgs(ecr004.deny) == {"ImageTagMutability cannot be known before deploy (Fn::If on condition IsProd) and may be MUTABLE, which lets tags be overwritten; set it to a literal IMMUTABLE."} with input as fx.repos([r])
}

test_candidate_null_is_default_mutable if {
	r := cfn({"tagMutability": fx.unknown_candidates(attr, "Fn::If with AWS::NoValue", ["IMMUTABLE", null])})
	fx.msgs(ecr004.deny) == {"ImageTagMutability cannot be known before deploy (Fn::If with AWS::NoValue) and may be unset (ECR's default MUTABLE), which lets tags be overwritten; set it to a literal IMMUTABLE."} with input as fx.repos([r])
}

test_several_risky_candidates_named if {
	r := cfn({"tagMutability": fx.unknown_candidates(attr, "AllowedValues of parameter Mode", ["MUTABLE", "IMMUTABLE", "MUTABLE_WITH_EXCLUSION"])})
	fx.msgs(ecr004.deny) == {"ImageTagMutability cannot be known before deploy (AllowedValues of parameter Mode) and may be MUTABLE or MUTABLE_WITH_EXCLUSION, which lets tags be overwritten; set it to a literal IMMUTABLE."} with input as fx.repos([r])
}

test_safe_candidates_not_flagged if {
	immutable_only := cfn({"tagMutability": fx.unknown_candidates(attr, "x", ["IMMUTABLE"])})
	narrow := fx.cfn_repo("Narrow", {
		"tagMutability": fx.unknown_candidates(attr, "x", ["IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"]),
		"exclusionFilters": fx.cfn_filters(["latest"]),
	})
	count(ecr004.deny) == 0 with input as fx.repos([immutable_only, narrow])
}

test_candidate_with_star_filter if {
	r := cfn({
		"tagMutability": fx.unknown_candidates(attr, "x", ["IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"]),
		"exclusionFilters": fx.cfn_filters(["*"]),
	})
	fx.msgs(ecr004.deny) == {"ImageTagMutability cannot be known before deploy (x) and may be IMMUTABLE_WITH_EXCLUSION, which lets tags be overwritten; set it to a literal IMMUTABLE."} with input as fx.repos([r])
}

test_candidate_with_unknown_filters if {
	r := cfn({
		"tagMutability": fx.unknown_candidates(attr, "x", ["IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"]),
		"exclusionFilters": fx.unknown("ImageTagMutabilityExclusionFilters", "Fn::ImportValue Filters"),
	})
	fx.resources(ecr004.deny) == {"AppStack/Repo"} with input as fx.repos([r])
}

test_invalid_string if {
	r := cfn({"tagMutability": fx.cfn_mutability("immutable")})
	fx.msgs(ecr004.deny) == {`ImageTagMutability is "immutable", which is not a valid ECR value (MUTABLE, IMMUTABLE, MUTABLE_WITH_EXCLUSION, IMMUTABLE_WITH_EXCLUSION); set it to IMMUTABLE.`} with input as fx.repos([r])
}

test_invalid_value_with_why_and_non_string if {
	r := cfn({"tagMutability": {"state": "known", "value": 42, "attribute": attr, "why": "Ref to parameter Mode (Default)"}})
	fx.msgs(ecr004.deny) == {`ImageTagMutability is "42" (Ref to parameter Mode (Default)), which is not a valid ECR value (MUTABLE, IMMUTABLE, MUTABLE_WITH_EXCLUSION, IMMUTABLE_WITH_EXCLUSION); set it to IMMUTABLE.`} with input as fx.repos([r])
}

test_immutable_with_exclusion_unknown_filters if {
	r := fx.tf_repo("app", {
		"tagMutability": fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION"),
		"exclusionFilters": fx.unknown("image_tag_mutability_exclusion_filter", "known after apply"),
	})
	fx.msgs(ecr004.deny) == {`image_tag_mutability is IMMUTABLE_WITH_EXCLUSION but image_tag_mutability_exclusion_filter cannot be known before deploy (known after apply), and a filter such as "*" would let every tag be overwritten; write the filters as literals.`} with input as fx.repos([r])
}

test_creation_templates_checked if {
	t := fx.tf_template("ROOT", {"tagMutability": fx.unknown("image_tag_mutability", "${var.mode}")})
	ecr004.deny == {{
		"msg": "image_tag_mutability cannot be known before deploy (${var.mode}), so it may be MUTABLE and let tags be overwritten; set it to a literal IMMUTABLE.",
		"ruleId": "ECR004",
		"severity": "warning",
		"resource": "aws_ecr_repository_creation_template.ROOT",
		"resourceType": "aws_ecr_repository_creation_template",
		"location": {"file": "plan.json", "line": 50},
	}} with input as fx.templates([t])
}

test_known_valid_or_absent_not_flagged if {
	rs := [
		fx.tf_repo("a", {}),
		fx.tf_repo("b", {"tagMutability": fx.tf_mutability("MUTABLE")}),
		fx.tf_repo("c", {"tagMutability": fx.absent("image_tag_mutability")}),
		fx.tf_repo("d", {"tagMutability": fx.tf_mutability("IMMUTABLE_WITH_EXCLUSION"), "exclusionFilters": fx.tf_filters(["latest"])}),
		fx.tf_repo("e", {"tagMutability": fx.tf_mutability("MUTABLE_WITH_EXCLUSION"), "exclusionFilters": fx.unknown("f", "x")}),
	]
	count(ecr004.deny) == 0 with input as fx.repos(rs)
}

test_one_finding_per_resource if {
	rs := [
		fx.tf_repo("a", {"tagMutability": fx.unknown("image_tag_mutability", "known after apply")}),
		fx.tf_repo("b", {"tagMutability": fx.tf_mutability("Immutable")}),
	]
	ts := [fx.tf_template("c", {"tagMutability": fx.unknown_candidates("image_tag_mutability", "x", [null])})]
	fx.resources(ecr004.deny) == {"aws_ecr_repository.a", "aws_ecr_repository.b", "aws_ecr_repository_creation_template.c"} with input as fx.model(rs, ts, [], [])
	count(ecr004.deny) == 3 with input as fx.model(rs, ts, [], [])
}

test_rule_id_from_annotations if {
	ecr004.rule_id == "ECR004"
}

# A Fn::ForEach loop that cannot be expanded before deploy: one resource, the loop, with nothing known.
test_unexpanded_loop if {
	why := "the repositories of Fn::ForEach::Shared cannot be listed before deploy: its collection is known only at deploy: Ref to parameter SharedNames, which has no Default and no AllowedValues"
	r := fx.cfn_repo("Fn::ForEach::Shared", {
		"name": fx.unknown("RepositoryName", why),
		"tagMutability": fx.unknown(attr, why),
		"exclusionFilters": fx.unknown("ImageTagMutabilityExclusionFilters", why),
		"scanOnPush": fx.unknown("ImageScanningConfiguration.ScanOnPush", why),
		"forceDelete": fx.unknown("EmptyOnDelete", why),
	})
	fx.msgs(ecr004.deny) == {concat("", ["ImageTagMutability cannot be known before deploy (", why, "), so it may be MUTABLE and let tags be overwritten; set it to a literal IMMUTABLE."])} with input as fx.repos([r])
}

# ---- values a deploy can override (CloudFormation parameters with a Default) ----

overridable(overrides) := cfn({"tagMutability": object.union(
	fx.known("IMMUTABLE", attr),
	{"why": "Ref to parameter TagMode (Default)", "overrides": overrides},
)})

test_override_to_mutable if {
	r := overridable([{"parameter": "TagMode", "given": "MUTABLE", "value": fx.known("MUTABLE", attr)}])
	fx.msgs(ecr004.deny) == {"ImageTagMutability is IMMUTABLE with the parameter values in use (Ref to parameter TagMode (Default)), but it deploys MUTABLE when TagMode=MUTABLE, which lets tags be overwritten; pass the value with --parameter, or allow only immutable values."} with input as fx.repos([r])
}

test_override_to_any_value_and_to_unset if {
	r := overridable([
		{"parameter": "TagMode", "value": fx.unknown(attr, "Ref to parameter TagMode, which a deploy can set to any value")},
		{"parameter": "Stage", "given": "dev", "value": fx.absent(attr)},
	])
	fx.msgs(ecr004.deny) == {"ImageTagMutability is IMMUTABLE with the parameter values in use (Ref to parameter TagMode (Default)), but it deploys any value it is given, such as MUTABLE when TagMode is set to another value; it deploys unset (ECR's default MUTABLE) when Stage=dev, which lets tags be overwritten; pass the value with --parameter, or allow only immutable values."} with input as fx.repos([r])
}

test_override_to_candidates if {
	r := overridable([{"parameter": "Stage", "given": "dev", "value": fx.unknown_candidates(attr, "Fn::If on condition X", ["IMMUTABLE", "MUTABLE_WITH_EXCLUSION"])}])
	fx.msgs(ecr004.deny) == {"ImageTagMutability is IMMUTABLE with the parameter values in use (Ref to parameter TagMode (Default)), but it deploys MUTABLE_WITH_EXCLUSION when Stage=dev, which lets tags be overwritten; pass the value with --parameter, or allow only immutable values."} with input as fx.repos([r])
}

test_overrides_that_stay_immutable_not_flagged if {
	r := overridable([
		{"parameter": "TagMode", "given": "IMMUTABLE_WITH_EXCLUSION", "value": fx.known("IMMUTABLE_WITH_EXCLUSION", attr)},
		{"parameter": "Stage", "given": "dev", "value": fx.unknown_candidates(attr, "Fn::If on condition X", ["IMMUTABLE"])},
	])
	count(ecr004.deny) == 0 with input as fx.repos([r])
}

test_overrides_of_a_flagged_value_are_ecr001s_business if {
	r := cfn({"tagMutability": object.union(fx.known("MUTABLE", attr), {"overrides": [{"parameter": "TagMode", "given": "MUTABLE_WITH_EXCLUSION", "value": fx.known("MUTABLE_WITH_EXCLUSION", attr)}]})})
	count(ecr004.deny) == 0 with input as fx.repos([r])
}

# ---- resources a condition leaves out with the values in use, but another deploy makes ----

conditional(when, res) := {"deployedWhen": when, "resource": res}

with_conditional(entries) := object.union(fx.repos([]), {"conditionallyDeployed": entries})

test_conditional_mutable_repository if {
	mutable := cfn({"tagMutability": fx.known("MUTABLE", attr)})
	fx.msgs(ecr004.deny) == {"Not deployed with the parameter values in use, but deployed when Stage=prod or Stage=staging, and then ImageTagMutability is MUTABLE, so any tag can be overwritten; make its tags immutable whatever the condition, or pass the parameter with --parameter."} with input as with_conditional([
		conditional("Stage=staging", mutable),
		conditional("Stage=prod", mutable),
	])
}

test_conditional_unknown_repository if {
	unknown := cfn({"tagMutability": fx.unknown(attr, "Ref to parameter Mode, which a deploy can set to any value")})
	risky := cfn({"tagMutability": fx.unknown_candidates(attr, "Fn::If on condition IsProd", ["IMMUTABLE", "MUTABLE"])})
	safe := fx.cfn_repo("Safe", {"tagMutability": fx.unknown_candidates(attr, "Fn::If on condition IsProd", ["IMMUTABLE"])})
	fx.msgs(ecr004.deny) == {"Not deployed with the parameter values in use, but deployed when Mode is set to another value, and then ImageTagMutability cannot be known before deploy (Ref to parameter Mode, which a deploy can set to any value); make its tags immutable whatever the condition, or pass the parameter with --parameter."} with input as with_conditional([conditional("Mode is set to another value", unknown)])
	fx.resources(ecr004.deny) == {"AppStack/Repo"} with input as with_conditional([conditional("Stage=prod", risky), conditional("Stage=prod", safe)])
}

test_conditional_immutable_repository_not_flagged if {
	count(ecr004.deny) == 0 with input as with_conditional([conditional("Stage=prod", cfn({}))])
}

test_no_conditional_list if {
	count(ecr004.deny) == 0 with input as fx.repos([cfn({})])
}
