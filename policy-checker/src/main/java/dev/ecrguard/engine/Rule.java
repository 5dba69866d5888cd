package dev.ecrguard.engine;

/** A rule's metadata, as its METADATA block in rego/ states it (compiled into rules.json). */
public record Rule(String id, String title, String description, Severity severity, String recommendedActions,
        String file) {}
