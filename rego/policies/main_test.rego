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

# The checker asks for each rule in turn: together the answers hold the report's findings, unsorted.
test_checker_report_is_the_report_unsorted if {
	r := main.report with input as aggregate_model
	answers := [c |
		some id in r.rules
		c := main.checker_report with input as aggregate_model with data.ecrguard_checker.rule as id
	]
	count(answers) == 9
	every i, c in answers {
		c.checked == [r.rules[i]]
		sort(c.rules) == r.rules
		c.received == r.received
	}
	findings := [f | some c in answers; some f in c.findings]
	count(findings) == count(r.findings)
	{f | some f in findings} == {f | some f in r.findings}
}

test_checker_report_reads_only_the_rule_asked_for if {
	c := main.checker_report with input as aggregate_model with data.ecrguard_checker.rule as "ECR001"
	c.checked == ["ECR001"]
	[f.resource | some f in c.findings; f.ruleId == "ECR001"] == ["aws_ecr_repository.b"]
	count(c.findings) == 1
}

test_checker_report_reads_every_rule_unless_one_is_asked_for if {
	r := main.report with input as aggregate_model
	c := main.checker_report with input as aggregate_model
	sort(c.checked) == r.rules
	count(c.findings) == count(r.findings)
	{f | some f in c.findings} == {f | some f in r.findings}
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

# The checker reads `findings`: a package under ecrguard.rules with one is among the rules and can be asked for.
test_every_package_under_rules_is_checked if {
	report := main.checker_report with data.ecrguard.rules.extra as {
		"rule_id": "EXTRA",
		"findings": [{"resource": "r", "ruleId": "EXTRA", "msg": "m"}],
		"deny": {{"resource": "r", "ruleId": "EXTRA", "msg": "m"}},
	}
		with input as fx.model([], [], [], [])
		with data.ecrguard_checker.rule as "EXTRA"
	"EXTRA" in report.rules
	report.checked == ["EXTRA"]
	report.findings == [{"resource": "r", "ruleId": "EXTRA", "msg": "m"}]
}

# A rule with `deny` alone is among the rules, but asking for it reads nothing, so the checker refuses the policy
# instead of passing what that rule would find.
test_a_rule_without_findings_is_not_checked if {
	report := main.checker_report with data.ecrguard.rules.extra as {
		"rule_id": "EXTRA",
		"deny": {{"resource": "r", "ruleId": "EXTRA", "msg": "m"}},
	}
		with input as fx.model([], [], [], [])
		with data.ecrguard_checker.rule as "EXTRA"
	"EXTRA" in report.rules
	report.checked == []
}

# Each rule's `deny` holds exactly its `findings`: the checker and OPA users get the same verdicts.
test_every_rule_denies_its_findings if {
	rules := [rule | some rule in data.ecrguard.rules; rule.rule_id] with input as aggregate_model
	count(rules) == 9
	count([f | some rule in rules; some f in rule.findings]) == 6
	every rule in rules {
		{f | some f in rule.findings} == rule.deny
	}
}
