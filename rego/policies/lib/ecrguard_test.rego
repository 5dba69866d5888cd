package ecrguard.lib_test

import rego.v1

import data.ecrguard.lib

test_effective_mutability if {
	lib.effective_mutability({"state": "absent"}) == "MUTABLE"
	lib.effective_mutability({"state": "known", "value": "IMMUTABLE"}) == "IMMUTABLE"
	lib.effective_mutability({"state": "known", "value": "immutable"}) == "immutable"
	not lib.effective_mutability({"state": "unknown"})
}

repo(mutability, fs) := {"tagMutability": {"state": "known", "value": mutability}, "exclusionFilters": {"state": "known", "value": fs}}

test_tag_can_move_tag_by_tag if {
	lib.tag_can_move({}, "1.0")
	lib.tag_can_move(repo("MUTABLE", []), "1.0")
	not lib.tag_can_move(repo("IMMUTABLE", []), "1.0")
	lib.tag_can_move(repo("IMMUTABLE_WITH_EXCLUSION", ["dev-*"]), "dev-1")
	not lib.tag_can_move(repo("IMMUTABLE_WITH_EXCLUSION", ["dev-*"]), "1.0")
	lib.tag_can_move(repo("MUTABLE_WITH_EXCLUSION", ["v*"]), "sha-1")
	not lib.tag_can_move(repo("MUTABLE_WITH_EXCLUSION", ["v*"]), "v1.0")
}

test_overwritable_values if {
	lib.overwritable("MUTABLE", [])
	lib.overwritable("MUTABLE_WITH_EXCLUSION", ["release-*"])
	lib.overwritable("IMMUTABLE_WITH_EXCLUSION", ["latest", "*"])
	lib.overwritable("IMMUTABLE_WITH_EXCLUSION", ["**"])
	not lib.overwritable("IMMUTABLE_WITH_EXCLUSION", ["latest", "dev-*", "*-rc"])
	not lib.overwritable("IMMUTABLE_WITH_EXCLUSION", [])
	not lib.overwritable("IMMUTABLE", ["*"])
	not lib.overwritable("immutable", [])
	not lib.overwritable("mutable", [])
	not lib.overwritable("MUTABLE_WITH_EXCLUSION", ["v*", "*"])
}

test_all_stars if {
	lib.all_stars("*")
	lib.all_stars("**")
	not lib.all_stars("")
	not lib.all_stars("*a")
	not lib.all_stars(1)
}

test_filters if {
	lib.filters({"state": "known", "value": ["a"]}) == ["a"]
	lib.filters({"state": "known", "value": "a"}) == []
	lib.filters({"state": "absent"}) == []
	lib.filters({"state": "unknown"}) == []
}

test_value_missing_or_null_field_is_absent if {
	lib.value({}, "tagMutability") == {"state": "absent"}
	lib.value({"tagMutability": null}, "tagMutability") == {"state": "absent"}
	lib.value(null, "tagMutability") == {"state": "absent"}
	lib.value({"tagMutability": {"state": "known", "value": "MUTABLE"}}, "tagMutability") == {"state": "known", "value": "MUTABLE"}
	lib.flags_overwrite({})
	lib.flags_overwrite({"tagMutability": null, "exclusionFilters": null})
}

test_wildcard_match if {
	lib.wildcard_match("prod-*", "prod-api")
	lib.wildcard_match("prod-*", "prod-team/api.v2") # `*` crosses `/` and `.`
	lib.wildcard_match("v*", "v1.2.3")
	lib.wildcard_match("*-rc", "1.0-rc")
	lib.wildcard_match("latest", "latest")
	lib.wildcard_match("dev-*", "dev-")
	not lib.wildcard_match("prod-*", "dev-api")
	not lib.wildcard_match("latest", "latest2")
	not lib.wildcard_match("a?c", "abc") # only `*` is a wildcard
	lib.wildcard_match("a?c", "a?c")
	not lib.wildcard_match("{a,b}", "a")
	lib.wildcard_match("[ab]", "[ab]")
	not lib.wildcard_match(1, "1")
}

test_show_and_lists if {
	lib.show("x") == "x"
	lib.show(42) == "42"
	lib.show(null) == "null"
	lib.quoted_list(["latest", "dev-*"]) == `"latest", "dev-*"`
	lib.plain_list(["A", "B"]) == "A, B"
}

test_describe_mutability if {
	lib.describe_mutability({"tagMutability": {"state": "absent"}}) == "not set (ECR's default MUTABLE)"
	lib.describe_mutability({"tagMutability": {"state": "known", "value": "IMMUTABLE"}}) == "IMMUTABLE"
	lib.describe_mutability({
		"tagMutability": {"state": "known", "value": "IMMUTABLE_WITH_EXCLUSION"},
		"exclusionFilters": {"state": "known", "value": ["latest"]},
	}) == `IMMUTABLE_WITH_EXCLUSION (exclusion filters "latest")`
	lib.describe_mutability({"tagMutability": {"state": "known", "value": "IMMUTABLE_WITH_EXCLUSION"}}) == "IMMUTABLE_WITH_EXCLUSION"
	not lib.describe_mutability({"tagMutability": {"state": "unknown"}})
}

chain := [
	{"path": ["ecrguard", "rules", "x", "deny"]},
	{"path": ["ecrguard", "rules", "x"], "annotations": {"scope": "package", "custom": {"id": "X001", "severity": "note"}}},
]

test_finding_shape if {
	resource := {"id": "R", "type": "T", "location": {"file": "f.json", "line": 3, "constructPath": "A/B"}, "name": {}}
	lib.finding(chain, resource, "m") == {
		"msg": "m",
		"ruleId": "X001",
		"severity": "note",
		"resource": "R",
		"resourceType": "T",
		"location": {"file": "f.json", "line": 3, "constructPath": "A/B"},
	}
	lib.rule_id(chain) == "X001"
}

test_finding_without_type_or_location if {
	lib.finding(chain, {"id": "R"}, "m") == {
		"msg": "m", "ruleId": "X001", "severity": "note",
		"resource": "R", "resourceType": null, "location": {},
	}
}
