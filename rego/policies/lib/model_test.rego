package ecrguard.lib_model_test

import rego.v1

import data.ecrguard.fixtures as fx
import data.ecrguard.lib

test_repositories_and_templates_lists_both_in_order if {
	r := fx.tf_repo("a", {})
	t := fx.tf_template("ROOT", {})
	lib.repositories_and_templates == [r, r, t] with input as fx.model([r, r], [t], [], [])
}

test_repositories_and_templates_without_the_lists_is_empty if {
	lib.repositories_and_templates == [] with input as {}
}
