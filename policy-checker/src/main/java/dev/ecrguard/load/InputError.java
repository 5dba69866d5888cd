package dev.ecrguard.load;

import dev.ecrguard.model.SourcePosition;

/** An input that cannot be read or understood. Printed as one line naming the file; exit code 3. */
public final class InputError extends RuntimeException {
    private final String file;
    private final Integer line;
    private final boolean wellFormed;

    public InputError(String file, Integer line, String message) {
        this(file, line, message, false);
    }

    private InputError(String file, Integer line, String message, boolean wellFormed) {
        super(message, null, false, false);
        this.file = file;
        this.line = line;
        this.wellFormed = wellFormed;
    }

    /** A well-formed file that is not one of the inputs ecr-guard reads: an error when named, skipped in a scan. */
    public static InputError unrecognized(String file, String message) {
        return new InputError(file, null, message, true);
    }

    public boolean isWellFormed() {
        return wellFormed;
    }

    public InputError(String file, String message) {
        this(file, null, message);
    }

    public String file() {
        return file;
    }

    public Integer line() {
        return line;
    }

    /** {@code file:line: message}, the form compilers use, so editors and CI can jump to it. */
    public String oneLine() {
        return position() + ": " + getMessage();
    }

    /** The file and line the error is about. */
    public SourcePosition position() {
        return new SourcePosition(file, line);
    }
}
