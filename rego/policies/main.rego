# The entrypoints: `report` for OPA and conftest users, and `checker_report`, which the checker evaluates in
# WebAssembly. Every package under ecrguard.rules is a rule: `rule_id` is its id, taken from its package annotations,
# `findings` an array of its findings and `deny` the same findings as a set. `report` reads the sets, as OPA and
# conftest users do; `checker_report` reads the arrays, because OPA's wasm runtime hashes and deep-compares every
# element a set receives and re-hashes each element to step through a set: on 10,000 repositories, building and
# reading the sets was half of the evaluation. The checker compares the rule ids with rules.json, so it catches a
# rule file whose package is not under ecrguard.rules or that has no `findings`. Test packages (ecr001_test, ...)
# have no `rule_id`, so the comprehensions skip them when OPA loads the tests too.
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

# The report the checker evaluates: the findings of the rule whose id is data.ecrguard_checker.rule, or of every rule
# when none is named. On a large model the checker asks for one rule at a time and shares the rules between two wasm
# instances, one per core; on a small one it asks once. `findings` is unsorted and read from the rules' arrays;
# `checked` lists the ids of the rules read; `rules` the ids of every rule, for the checker to compare with
# rules.json. The checker drops duplicate findings (a set holds each once) and sorts them itself: `sort` in OPA's
# wasm runtime is an insertion sort, quadratic in the number of findings.
checker_report := {
	"findings": [f | some rule in checked_rules; some f in rule[1]],
	"checked": [rule[0] | some rule in checked_rules],
	"rules": rule_ids,
	"received": received,
}

# The rules the checker asked for, each as its id and its findings; only their findings are evaluated.
checked_rules := [[id, fs] |
	some name
	id := data.ecrguard.rules[name].rule_id
	asked_for(id)
	fs := data.ecrguard.rules[name].findings
]

asked_for(_) if not data.ecrguard_checker.rule

asked_for(id) if id == data.ecrguard_checker.rule

report := {
	"findings": sorted_findings,
	"rules": sort(rule_ids),
	"received": received,
}
