package dev.ecrguard.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a resource is defined: the file as given, its 1-based line when known, and its construct path. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Location(String file, Integer line, String constructPath) {}
