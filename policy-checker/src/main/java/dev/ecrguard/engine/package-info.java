/**
 * Judges the normalized model with the Rego rules: the policy module compiled to JVM bytecode at build time, driven
 * through OPA's wasm ABI ({@link dev.ecrguard.engine.CompiledPolicy}), the fail-closed checks of its answer
 * ({@link dev.ecrguard.engine.PolicyEngine}), and the rule catalog that the answer is checked against.
 */
package dev.ecrguard.engine;
