package ecrguard.main_test

import rego.v1

import data.ecrguard.fixtures as fx
import data.ecrguard.main

test_every_rule_wired_in if {
	main.report.rules == ["ECR001", "ECR002", "ECR003", "ECR004", "ECR005", "ECR006", "ECR007", "ECR008", "ECR009"] with input as fx.model([], [], [], [])
}

test_empty_model_no_findings if {
	main.report == {
		"findings": [],
		"rules": ["ECR001", "ECR002", "ECR003", "ECR004", "ECR005", "ECR006", "ECR007", "ECR008", "ECR009"],
		"received": {"modelVersion": 1, "repositories": 0, "creationTemplates": 0, "registryScanning": 0, "workloads": 0, "conditionallyDeployed": 0},
	} with input as fx.model([], [], [], [])
}

test_received_counts_what_the_model_holds if {
	main.report.received == {"modelVersion": 1, "repositories": 2, "creationTemplates": 1, "registryScanning": 0, "workloads": 1, "conditionallyDeployed": 0} with input as aggregate_model
}

test_no_report_without_the_model_lists if {
	not main.report with input as {"repositories": []}
}

aggregate_model := fx.model(
	[
		fx.tf_repo("b", {
			"tagMutability": fx.tf_mutability("MUTABLE"),
			"forceDelete": fx.known(true, "force_delete"),
			"before": {"tagMutability": fx.tf_mutability("IMMUTABLE")},
		}),
		fx.tf_repo("a", {"scanOnPush": fx.absent("image_scanning_configuration.scan_on_push")}),
	],
	[fx.tf_template("ROOT", {"tagMutability": fx.absent("image_tag_mutability")})],
	[],
	[fx.workload("aws_ecs_task_definition.svc", [fx.image("api", "b:latest", null, "b", "latest", null)])],
)

test_findings_from_several_rules_sorted if {
	[[f.resource, f.ruleId, f.severity] | some f in main.report.findings] == [
		["aws_ecr_repository.a", "ECR003", "warning"],
		["aws_ecr_repository.b", "ECR001", "error"],
		["aws_ecr_repository.b", "ECR005", "error"],
		["aws_ecr_repository.b", "ECR007", "warning"],
		["aws_ecr_repository_creation_template.ROOT", "ECR006", "error"],
		["aws_ecs_task_definition.svc", "ECR008", "warning"],
	] with input as aggregate_model
}

test_findings_are_the_rules_findings if {
	main.report.findings[5] == {
		"msg": "Images are pulled by references that can move: api (b:latest): repository aws_ecr_repository.b accepts tag overwrites and the tag latest moves with every push; pin each image by digest (@sha256:...) or use a tag of an immutable repository.",
		"ruleId": "ECR008",
		"severity": "warning",
		"resource": "aws_ecs_task_definition.svc",
		"resourceType": "aws_ecs_task_definition",
		"location": {"file": "plan.json", "line": 120},
	} with input as aggregate_model
}

test_checker_report_is_the_report_unsorted if {
	r := main.report with input as aggregate_model
	c := main.checker_report with input as aggregate_model
	count(c.findings) == count(r.findings)
	{f | some f in c.findings} == {f | some f in r.findings}
	sort(c.rules) == r.rules
	c.received == r.received
}

test_no_checker_report_without_the_model_lists if {
	not main.checker_report with input as {"repositories": []}
}

# main.rego takes every package under ecrguard.rules, so a new rule file needs no wiring: a package that is there is
# in the report, its findings with it.
test_every_package_under_rules_is_taken if {
	report := main.report with data.ecrguard.rules.extra as {"rule_id": "EXTRA", "deny": {{"resource": "r", "ruleId": "EXTRA", "msg": "m"}}}
		with input as fx.model([], [], [], [])
	"EXTRA" in report.rules
	report.findings == [{"resource": "r", "ruleId": "EXTRA", "msg": "m"}]
}
