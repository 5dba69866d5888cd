package ecrguard.rules.ecr003_test

import rego.v1

import data.ecrguard.fixtures as fx
import data.ecrguard.rules.ecr003

scan_off := fx.known(false, "image_scanning_configuration.scan_on_push")

off(name) := fx.tf_repo(name, {"scanOnPush": scan_off})

with_scanning(rs, scannings) := fx.model(rs, [], scannings, [])

known_rules(rules) := fx.known(rules, "rule")

test_scan_off_without_registry_scanning if {
	ecr003.deny == {{
		"msg": `image_scanning_configuration.scan_on_push is false and no registry scanning rule in this input scans repository "app" on push or continuously; set image_scanning_configuration.scan_on_push to true or add a SCAN_ON_PUSH registry scanning rule whose filter matches it.`,
		"ruleId": "ECR003",
		"severity": "warning",
		"resource": "aws_ecr_repository.app",
		"resourceType": "aws_ecr_repository",
		"location": {"file": "plan.json", "line": 10},
	}} with input as fx.repos([off("app")])
}

test_scan_absent_is_default_off if {
	r := fx.cfn_repo("Repo", {"scanOnPush": fx.absent("ImageScanningConfiguration.ScanOnPush")})
	fx.msgs(ecr003.deny) == {"ImageScanningConfiguration.ScanOnPush is not set (ECR's default is false) and no registry scanning rule in this input scans this repository on push or continuously; set ImageScanningConfiguration.ScanOnPush to true or add a SCAN_ON_PUSH registry scanning rule whose filter matches it."} with input as fx.repos([r])
}

test_scan_on_or_unknown_not_flagged if {
	rs := [
		fx.tf_repo("a", {}),
		fx.cfn_repo("B", {"scanOnPush": fx.known(true, "ImageScanningConfiguration.ScanOnPush")}),
		fx.tf_repo("c", {"scanOnPush": fx.unknown("image_scanning_configuration.scan_on_push", "known after apply")}),
	]
	count(ecr003.deny) == 0 with input as fx.repos(rs)
}

test_star_filter_covers_every_repository if {
	rs := [off("app"), fx.cfn_repo("Unnamed", {"scanOnPush": fx.absent("ImageScanningConfiguration.ScanOnPush")})]
	s := fx.scanning("scan", known_rules([fx.scan_rule("SCAN_ON_PUSH", ["*"])]))
	count(ecr003.deny) == 0 with input as with_scanning(rs, [s])
}

test_star_filter_covers_unknown_name if {
	r := fx.tf_repo("app", {"scanOnPush": scan_off, "name": fx.unknown("name", "known after apply")})
	s := fx.scanning("scan", known_rules([fx.scan_rule("CONTINUOUS_SCAN", ["*"])]))
	count(ecr003.deny) == 0 with input as with_scanning([r], [s])
}

test_prefix_filter_matches_some if {
	rs := [off("prod-api"), off("prod-team/api.v2"), off("dev-api")]
	s := fx.scanning("scan", known_rules([fx.scan_rule("CONTINUOUS_SCAN", ["prod-*"])]))
	fx.resources(ecr003.deny) == {"aws_ecr_repository.dev-api"} with input as with_scanning(rs, [s])
}

test_prefix_filter_does_not_cover_unknown_or_absent_name if {
	unknown_name := fx.tf_repo("a", {"scanOnPush": scan_off, "name": fx.unknown("name", "known after apply")})
	absent_name := fx.cfn_repo("B", {"scanOnPush": scan_off})
	s := fx.scanning("scan", known_rules([fx.scan_rule("SCAN_ON_PUSH", ["prod-*"])]))
	fx.resources(ecr003.deny) == {"aws_ecr_repository.a", "AppStack/B"} with input as with_scanning([unknown_name, absent_name], [s])
}

test_manual_frequency_does_not_cover if {
	s := fx.scanning("scan", known_rules([fx.scan_rule("MANUAL", ["*"])]))
	fx.resources(ecr003.deny) == {"aws_ecr_repository.app"} with input as with_scanning([off("app")], [s])
}

test_unknown_scanning_rules_do_not_cover if {
	s := fx.scanning("scan", fx.unknown("rule", "known after apply"))
	fx.resources(ecr003.deny) == {"aws_ecr_repository.app"} with input as with_scanning([off("app")], [s])
}

test_any_rule_of_any_configuration_covers if {
	s1 := fx.scanning("scan1", known_rules([fx.scan_rule("MANUAL", ["*"]), fx.scan_rule("SCAN_ON_PUSH", ["dev-*"])]))
	s2 := fx.scanning("scan2", known_rules([fx.scan_rule("CONTINUOUS_SCAN", ["other", "app"])]))
	rs := [off("app"), off("dev-x"), off("prod-y")]
	fx.resources(ecr003.deny) == {"aws_ecr_repository.prod-y"} with input as with_scanning(rs, [s1, s2])
}

test_filter_is_anchored if {
	s := fx.scanning("scan", known_rules([fx.scan_rule("SCAN_ON_PUSH", ["app"])]))
	fx.resources(ecr003.deny) == {"aws_ecr_repository.app2", "aws_ecr_repository.my-app"} with input as with_scanning([off("app"), off("app2"), off("my-app")], [s])
}

test_rule_id_from_annotations if {
	ecr003.rule_id == "ECR003"
}
