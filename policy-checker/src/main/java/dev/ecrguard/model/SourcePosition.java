package dev.ecrguard.model;

/**
 * A place in an input, waiver or baseline file: the file as given and its 1-based line when known.
 *
 * @param file the file as named on the command line or found by a folder scan ({@code -} for standard input), or
 *     null when the place has no file
 * @param line the 1-based line, or null
 */
public record SourcePosition(String file, Integer line) {
    /**
     * The place as compilers write it, {@code file:line} (or {@code file} alone), so that editors and CI can jump to
     * it; a place without a file is {@code -}.
     *
     * @return e.g. {@code plan.json:12}
     */
    @Override
    public String toString() {
        return (file == null ? "-" : file) + (line == null ? "" : ":" + line);
    }
}
