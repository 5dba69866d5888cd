package dev.ecrguard.hcl;

/**
 * Text that is not HCL's native syntax, or that Terraform rejects while parsing (an attribute set twice in one
 * body). The message says what was expected and never quotes the input beyond one escaped character.
 */
public final class HclSyntaxError extends RuntimeException {
    private final int line;
    private final int column;

    HclSyntaxError(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the error. */
    public int line() {
        return line;
    }

    /** The 1-based column of the error. */
    public int column() {
        return column;
    }
}
