# METADATA
# title: Images are not scanned on push
# description: >-
#   Scan on push is off or absent (ECR's default is off) and no registry scanning configuration in the same input
#   covers the repository with SCAN_ON_PUSH or CONTINUOUS_SCAN (a WILDCARD filter matching the repository name;
#   `*` matches any name, even one not known until deploy).
# custom:
#   id: ECR003
#   short_name: ScanOnPushOff
#   severity: warning
#   recommended_actions: >-
#     Scan images on push: turn scan on push on for the repository, or add a registry scanning rule with SCAN_ON_PUSH
#     or CONTINUOUS_SCAN whose filter matches it.
#   fix:
#     terraform: >-
#       Add image_scanning_configuration { scan_on_push = true } to aws_ecr_repository, or an
#       aws_ecr_registry_scanning_configuration with a rule { scan_frequency = "SCAN_ON_PUSH" (or "CONTINUOUS_SCAN")
#       repository_filter { filter = "*", filter_type = "WILDCARD" } }.
#     cloudformation: >-
#       Set ImageScanningConfiguration: {ScanOnPush: true} on AWS::ECR::Repository, or add an
#       AWS::ECR::RegistryScanningConfiguration rule with ScanFrequency SCAN_ON_PUSH and a matching RepositoryFilters
#       entry. CDK in TypeScript: imageScanOnPush: true.
#     cdk: >-
#       Set imageScanOnPush(true) (ImmutableRepository does by default), or add a CfnRegistryScanningConfiguration rule
#       with scanFrequency SCAN_ON_PUSH or CONTINUOUS_SCAN whose filter matches the repository.
#     cdktf: >-
#       Use ImmutableEcrRepository (scanOnPush is true by default), or set
#       imageScanningConfiguration(EcrRepositoryImageScanningConfiguration.builder().scanOnPush(true).build()) on the
#       EcrRepository, or add an EcrRegistryScanningConfiguration rule with scanFrequency SCAN_ON_PUSH whose repository
#       filter matches it.
package ecrguard.rules.ecr003

import rego.v1

import data.ecrguard.lib

rule_id := lib.rule_id(rego.metadata.chain())

covering_frequencies := {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}

findings := [f |
	some repo in input.repositories
	sop := lib.value(repo, "scanOnPush")
	state := scan_off(sop)
	not covered(repo)
	msg := concat("", [
		lib.attribute(sop, "scanOnPush"), " ", state,
		" and no registry scanning rule in this input scans ", repo_text(repo), " on push or continuously; set ",
		lib.attribute(sop, "scanOnPush"),
		" to true or add a SCAN_ON_PUSH registry scanning rule whose filter matches it.",
	])
	f := lib.finding(rego.metadata.chain(), repo, msg)
]

# The same findings as a set, for OPA and conftest (the checker reads the array: see main.rego).
deny contains f if some f in findings

scan_off(sop) := "is false" if lib.is_false(sop)

scan_off(sop) := "is not set (ECR's default is false)" if sop.state == "absent"

# covered(repo): some registry scanning configuration scans this repository on push or continuously.
covered(repo) if {
	some scanning in input.registryScanning
	scanning.rules.state == "known"
	some rule in scanning.rules.value
	rule.frequency in covering_frequencies
	some pattern in rule.filters
	filter_matches(pattern, repo)
}

filter_matches("*", _)

filter_matches(pattern, repo) if {
	name := lib.value(repo, "name")
	name.state == "known"
	lib.wildcard_match(pattern, name.value)
}

repo_text(repo) := concat("", ["repository ", lib.quoted(name.value)]) if {
	name := lib.value(repo, "name")
	name.state == "known"
} else := "this repository"
