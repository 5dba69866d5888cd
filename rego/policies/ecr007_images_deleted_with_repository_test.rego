package ecrguard.rules.ecr007_test

import rego.v1

import data.ecrguard.fixtures as fx
import data.ecrguard.rules.ecr007

test_terraform_force_delete if {
	r := fx.tf_repo("app", {"forceDelete": fx.known(true, "force_delete")})
	ecr007.deny == {{
		"msg": "force_delete is true, so deleting the repository also deletes all its images; set force_delete to false.",
		"ruleId": "ECR007",
		"severity": "warning",
		"resource": "aws_ecr_repository.app",
		"resourceType": "aws_ecr_repository",
		"location": {"file": "plan.json", "line": 10},
	}} with input as fx.repos([r])
}

test_cloudformation_empty_on_delete if {
	r := fx.cfn_repo("Repo", {"forceDelete": fx.known(true, "EmptyOnDelete")})
	fx.msgs(ecr007.deny) == {"EmptyOnDelete is true, so deleting the repository also deletes all its images; set EmptyOnDelete to false."} with input as fx.repos([r])
}

test_false_absent_unknown_not_flagged if {
	rs := [
		fx.tf_repo("a", {}),
		fx.tf_repo("b", {"forceDelete": fx.absent("force_delete")}),
		fx.tf_repo("c", {"forceDelete": fx.unknown("force_delete", "${var.force}")}),
		fx.cfn_repo("D", {"forceDelete": fx.known(false, "EmptyOnDelete")}),
	]
	count(ecr007.deny) == 0 with input as fx.repos(rs)
}

test_rule_id_from_annotations if {
	ecr007.rule_id == "ECR007"
}
