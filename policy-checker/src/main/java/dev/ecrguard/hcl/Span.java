package dev.ecrguard.hcl;

/**
 * Where a node is in its file: 1-based lines and columns (columns count UTF-16 code units), and the character
 * offsets of its first character and of the character after its last, to quote the source of an expression.
 */
public record Span(int line, int column, int endLine, int endColumn, int start, int end) {
    /** The source text of this span in {@code text}, the file it was parsed from. */
    public String of(String text) {
        return text.substring(start, end);
    }
}
