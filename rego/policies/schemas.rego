# METADATA
# description: >-
#   Every package under ecrguard reads the normalized model (docs/model.md) as its input. With the model's JSON Schema
#   (rego/schemas/model.json), opa check --strict --schema rego/schemas type-checks every reference to the input, so a
#   misspelled field is an error (rego/build.sh does it). OPA and conftest without --schema ignore the annotation.
# scope: subpackages
# schemas:
#   - input: schema.model
package ecrguard
