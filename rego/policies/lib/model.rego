# Shared views of the normalized model (docs/model.md) for the rules.
package ecrguard.lib

import rego.v1

# repositories_and_templates: every repository and creation template, the resources that carry tagMutability and
# exclusionFilters. An array, not a set: a set of whole objects hashes and compares every object on insertion,
# which dominated evaluation on large plans.
repositories_and_templates := array.concat(
	[res | some res in input.repositories],
	[res | some res in input.creationTemplates],
)
