package dev.ecrguard.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a resource is defined: the file as given, its 1-based line when known, and its construct path.
 *
 * @param file the file as named on the command line or found by a folder scan, or the name a program gave a
 *     document it built in memory
 * @param line the 1-based line, or null when unknown (a parser without locations reports 0 or -1: null here)
 * @param constructPath the CDK or CDKTF construct path, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Location(String file, Integer line, String constructPath) {
    /**
     * Keeps only a real line.
     *
     * @param file the file, or the name of a document built in memory
     * @param line the 1-based line; 0, a negative line or null is no line
     * @param constructPath the construct path, or null
     */
    public Location {
        line = line != null && line > 0 ? line : null;
    }
}
