# Shared helpers for the ecr-guard rules. The rules read only the normalized model (docs/model.md);
# everything here works on that model's Values and resources, never on an input format.
#
# Wasm note: the policy is compiled to WebAssembly and run by the Java SDK (com.styra.opa:opa-java-wasm),
# which only provides sprintf (a partial emulation), json.is_valid and yaml.*. Every other built-in used here
# must be native to OPA's wasm runtime. sprintf is not used: in the Java SDK it is a slow host call (a JSON round
# trip per call) that dominates evaluation time on large inputs, so messages are built with concat.
package ecrguard.lib

import rego.v1

# The four values ECR accepts for image tag mutability.
valid_mutabilities := {"MUTABLE", "IMMUTABLE", "MUTABLE_WITH_EXCLUSION", "IMMUTABLE_WITH_EXCLUSION"}

# value(obj, key): the Value at obj[key]. A missing or null field reads as absent (the ECR default applies).
value(obj, key) := v if {
	is_object(obj)
	v := obj[key]
	is_object(v)
} else := {"state": "absent"}

# attribute(v, fallback): the setting's name in the user's own format, for messages.
attribute(v, fallback) := object.get(v, "attribute", fallback)

# effective_mutability(v): the tag mutability a Value stands for. Absent means ECR's default MUTABLE;
# an unknown Value has none (undefined).
effective_mutability(v) := "MUTABLE" if v.state == "absent"

effective_mutability(v) := v.value if v.state == "known"

# filters(v): the exclusion filters of a Value when known, else the empty list.
filters(v) := v.value if {
	v.state == "known"
	is_array(v.value)
} else := []

# all_stars(f): a filter made only of `*` characters ("*", "**"): it matches every tag.
all_stars(f) if {
	is_string(f)
	f != ""
	replace(f, "*", "") == ""
}

# overwritable(mutability, filters): true when a repository with this mutability accepts tag overwrites
# (the ECR001 predicate). Under MUTABLE_WITH_EXCLUSION the filters name the tags kept immutable, so only a
# filter that matches every tag makes the repository immutable in effect.
overwritable(m, _) if m == "MUTABLE"

overwritable(m, fs) if {
	m == "MUTABLE_WITH_EXCLUSION"
	not any_all_stars(fs)
}

overwritable(m, fs) if {
	m == "IMMUTABLE_WITH_EXCLUSION"
	some f in fs
	all_stars(f)
}

# any_all_stars(fs): some filter in fs matches every tag.
any_all_stars(fs) if {
	some f in fs
	all_stars(f)
}

# immutable_in_effect(res): MUTABLE_WITH_EXCLUSION whose filters keep every tag immutable.
immutable_in_effect(res) if {
	effective_mutability(value(res, "tagMutability")) == "MUTABLE_WITH_EXCLUSION"
	any_all_stars(filters(value(res, "exclusionFilters")))
}

# tag_can_move(res, tag): whether a tag of res can be pushed again to another image, judged tag by tag: under
# IMMUTABLE_WITH_EXCLUSION the tags matching a filter move, under MUTABLE_WITH_EXCLUSION the tags matching none.
tag_can_move(res, _) if effective_mutability(value(res, "tagMutability")) == "MUTABLE"

tag_can_move(res, tag) if {
	effective_mutability(value(res, "tagMutability")) == "IMMUTABLE_WITH_EXCLUSION"
	some pattern in filters(value(res, "exclusionFilters"))
	wildcard_match(pattern, tag)
}

tag_can_move(res, tag) if {
	effective_mutability(value(res, "tagMutability")) == "MUTABLE_WITH_EXCLUSION"
	not tag_matches_any(filters(value(res, "exclusionFilters")), tag)
}

tag_matches_any(fs, tag) if {
	some pattern in fs
	wildcard_match(pattern, tag)
}

# flags_overwrite(res): ECR001's verdict on anything that carries tagMutability and exclusionFilters
# (a repository, a creation template, a repository's `before`). Unknown mutability never flags here
# (ECR004 handles it).
flags_overwrite(res) if {
	overwritable(
		effective_mutability(value(res, "tagMutability")),
		filters(value(res, "exclusionFilters")),
	)
}

# overwrite_reason(res): why flags_overwrite(res) holds, as a sentence fragment naming the attribute and value.
overwrite_reason(res) := msg if {
	tm := value(res, "tagMutability")
	tm.state == "absent"
	msg := concat("", [
		attribute(tm, "tagMutability"),
		" is not set, so ECR's default MUTABLE applies and any tag can be overwritten",
	])
}

overwrite_reason(res) := msg if {
	tm := value(res, "tagMutability")
	tm.state == "known"
	tm.value == "MUTABLE"
	msg := concat("", [attribute(tm, "tagMutability"), " is MUTABLE, so any tag can be overwritten"])
}

overwrite_reason(res) := msg if {
	tm := value(res, "tagMutability")
	tm.state == "known"
	tm.value == "MUTABLE_WITH_EXCLUSION"
	ef := value(res, "exclusionFilters")
	msg := concat("", [attribute(tm, "tagMutability"), " is MUTABLE_WITH_EXCLUSION", protected_tags(ef)])
}

# protected_tags(ef): what MUTABLE_WITH_EXCLUSION's filters leave overwritable, for ECR001's message.
protected_tags(ef) := text if {
	count(filters(ef)) > 0
	text := concat("", [
		", so only tags matching ", attribute(ef, "exclusionFilters"), " ", quoted_list(filters(ef)),
		" are immutable; every other tag, such as a commit-SHA tag, can be overwritten",
	])
} else := text if {
	ef.state == "unknown"
	text := concat("", [
		" and ", attribute(ef, "exclusionFilters"), " cannot be known before deploy",
		", so every tag that matches none of them can be overwritten",
	])
} else := " without exclusion filters (which ECR rejects), so every tag can be overwritten"

overwrite_reason(res) := msg if {
	tm := value(res, "tagMutability")
	tm.state == "known"
	tm.value == "IMMUTABLE_WITH_EXCLUSION"
	ef := value(res, "exclusionFilters")
	stars := [f | some f in filters(ef); all_stars(f)]
	count(stars) > 0
	msg := concat("", [
		attribute(tm, "tagMutability"), " is IMMUTABLE_WITH_EXCLUSION but ",
		attribute(ef, "exclusionFilters"), " has ", quoted_list(stars),
		", which matches every tag, so any tag can be overwritten",
	])
}

# describe_mutability(res): the mutability of res for messages: the value, its filters, or the default.
describe_mutability(res) := "not set (ECR's default MUTABLE)" if value(res, "tagMutability").state == "absent"

describe_mutability(res) := text if {
	tm := value(res, "tagMutability")
	tm.state == "known"
	fs := filters(value(res, "exclusionFilters"))
	text := describe_known(show(tm.value), fs)
}

describe_known(m, fs) := m if {
	not endswith(m, "_WITH_EXCLUSION")
} else := m if {
	count(fs) == 0
} else := concat("", [m, " (exclusion filters ", quoted_list(fs), ")"])

# wildcard_match(pattern, s): ECR WILDCARD filter semantics: `*` matches any run of characters, including
# `/` and `.`; every other character is literal.
# Quirk: glob.match with an empty delimiter list defaults to ["."], so `*` would not cross `.`; null means
# no delimiter. Glob metacharacters other than `*` are escaped so that they match literally.
wildcard_match(pattern, s) if {
	is_string(pattern)
	is_string(s)
	glob.match(escape_glob(pattern), null, s)
}

escape_glob(p) := replace(
	replace(replace(replace(replace(replace(p, "\\", "\\\\"), "?", "\\?"), "[", "\\["), "]", "\\]"), "{", "\\{"),
	"}", "\\}",
)

# is_true / is_false: a boolean Value's known value (the loaders turn CloudFormation's "true"/"false" strings
# into booleans).
is_true(v) if {
	v.state == "known"
	v.value == true
}

is_false(v) if {
	v.state == "known"
	v.value == false
}

# show(x): a value as text for messages, without sprintf's %v (the wasm SDK does not emulate it).
show(x) := x if {
	is_string(x)
} else := json.marshal(x)

# quoted(x): "x", the value as text between double quotes (for a filter, tag or name).
quoted(x) := concat("", ["\"", show(x), "\""])

# quoted_list(xs): "a", "b" (for filters, tags, names).
quoted_list(xs) := concat(", ", [quoted(x) | some x in xs])

# plain_list(xs): a, b (for enum values such as appliedFor).
plain_list(xs) := concat(", ", [show(x) | some x in xs])

# package_annotations(chain): the package-scope METADATA of the rule package, from rego.metadata.chain()
# evaluated in a rule of that package.
package_annotations(chain) := a if {
	some entry in chain
	entry.annotations.scope == "package"
	a := entry.annotations
}

# rule_id(chain): the custom.id of the rule package.
rule_id(chain) := package_annotations(chain).custom.id

# finding(chain, resource, msg): one finding about one resource of the model.
finding(chain, resource, msg) := {
	"msg": msg,
	"ruleId": ann.custom.id,
	"severity": ann.custom.severity,
	"resource": resource.id,
	"resourceType": object.get(resource, "type", null),
	"location": object.get(resource, "location", {}),
} if {
	ann := package_annotations(chain)
}
