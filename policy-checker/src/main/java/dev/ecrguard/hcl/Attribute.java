package dev.ecrguard.hcl;

/** {@code name = expression}; the span covers both. */
public record Attribute(String name, Expression value, Span span) {}
