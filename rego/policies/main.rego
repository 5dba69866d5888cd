# The entrypoints: `report` for OPA and conftest users, and `checker_report`, which the checker evaluates in
# WebAssembly. Every package under ecrguard.rules is a rule: its `deny` set holds its findings and `rule_id` its id,
# taken from its package annotations. `rules` lists the ids of the packages that ran, so the checker can compare it
# with rules.json and catch a rule file whose package is not under ecrguard.rules. Test packages (ecr001_test, ...)
# have neither `deny` nor `rule_id`, so the comprehensions skip them when OPA loads the tests too.
package ecrguard.main

import rego.v1

denies := [deny | deny := data.ecrguard.rules[_].deny]

all_findings := {f | some deny in denies; some f in deny}

rule_ids := [id | id := data.ecrguard.rules[_].rule_id]

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
