package dev.ecrguard.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One verdict of one rule on one resource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String ruleId, String severity, String resource, String resourceType, String file, Integer line,
        String constructPath, String message) {}
