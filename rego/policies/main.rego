# The entrypoints: `report` for OPA and conftest users, and `checker_report`, which the checker evaluates in
# WebAssembly. Every rule package is wired in here explicitly. `rules` lists the ids of the packages wired in, taken from their
# package annotations, so the checker can compare it with rules.json and catch a rule file that is not wired in.
package ecrguard.main

import rego.v1

import data.ecrguard.rules.ecr001
import data.ecrguard.rules.ecr002
import data.ecrguard.rules.ecr003
import data.ecrguard.rules.ecr004
import data.ecrguard.rules.ecr005
import data.ecrguard.rules.ecr006
import data.ecrguard.rules.ecr007
import data.ecrguard.rules.ecr008

denies := [
	ecr001.deny,
	ecr002.deny,
	ecr003.deny,
	ecr004.deny,
	ecr005.deny,
	ecr006.deny,
	ecr007.deny,
	ecr008.deny,
]

all_findings := {f | some deny in denies; some f in deny}

rule_ids := [
	ecr001.rule_id,
	ecr002.rule_id,
	ecr003.rule_id,
	ecr004.rule_id,
	ecr005.rule_id,
	ecr006.rule_id,
	ecr007.rule_id,
	ecr008.rule_id,
]

# Findings sorted by resource, rule id and message (then the whole finding), so the report is deterministic.
sorted_findings := [entry[3] | some entry in sort([[f.resource, f.ruleId, f.msg, f] | some f in all_findings])]

# What the rules received, for the checker to compare with what it sent: the wasm SDK answers as if the input
# were empty when it cannot read it, and that must never pass for "no findings". Undefined (so no report at all)
# when the input lacks one of the model's lists.
received := {
	"modelVersion": input.modelVersion,
	"repositories": count(input.repositories),
	"creationTemplates": count(input.creationTemplates),
	"registryScanning": count(input.registryScanning),
	"workloads": count(input.workloads),
	"conditionallyDeployed": count(object.get(input, "conditionallyDeployed", [])),
}

# The report the checker evaluates: the same findings, rules and counts, unsorted. The checker sorts the findings
# itself, and `sort` in OPA's wasm runtime is an insertion sort, quadratic in the number of findings. Each rule's
# findings are a set already and carry its rule id, so no finding appears twice.
checker_report := {
	"findings": [f | some deny in denies; some f in deny],
	"rules": rule_ids,
	"received": received,
}

report := {
	"findings": sorted_findings,
	"rules": sort(rule_ids),
	"received": received,
}
