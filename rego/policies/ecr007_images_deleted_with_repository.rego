# METADATA
# title: Images are deleted with the repository
# description: >-
#   Deleting the repository also deletes every image in it (Terraform force_delete = true, CloudFormation
#   EmptyOnDelete: true), so a stack or resource replacement can remove images that workloads still pull.
# custom:
#   id: ECR007
#   short_name: ImagesDeletedWithRepository
#   severity: warning
#   recommended_actions: >-
#     Keep the images when the repository is deleted or replaced.
#   fix:
#     terraform: >-
#       Remove force_delete or set force_delete = false on aws_ecr_repository.
#     cloudformation: >-
#       Remove EmptyOnDelete or set it to false on AWS::ECR::Repository. CDK in TypeScript: drop emptyOnDelete (and the
#       deprecated autoDeleteImages) and keep the default removalPolicy RETAIN.
#     cdk: >-
#       Drop emptyOnDelete (and the deprecated autoDeleteImages): keep images with the repository, which
#       ImmutableRepository retains.
#     cdktf: >-
#       Use ImmutableEcrRepository (forceDelete is false by default), or drop forceDelete(true) from the EcrRepository.
package ecrguard.rules.ecr007

import rego.v1

import data.ecrguard.lib

rule_id := lib.rule_id(rego.metadata.chain())

findings := [f |
	some repo in input.repositories
	fd := lib.value(repo, "forceDelete")
	lib.is_true(fd)
	msg := concat("", [
		lib.attribute(fd, "forceDelete"), " is true, so deleting the repository also deletes all its images; set ",
		lib.attribute(fd, "forceDelete"), " to false.",
	])
	f := lib.finding(rego.metadata.chain(), repo, msg)
]

# The same findings as a set, for OPA and conftest (the checker reads the array: see main.rego).
deny contains f if some f in findings
