package dev.ecrguard.load;

import dev.ecrguard.model.SourcePosition;

/** An input that cannot be read or understood. Printed as one line naming the file; exit code 3. */
public final class InputError extends RuntimeException {
    private final String file;
    private final Integer line;

    public InputError(String file, Integer line, String message) {
        super(message, null, false, false);
        this.file = file;
        // a parser without locations (a tree built in memory) reports 0 or -1
        this.line = line != null && line > 0 ? line : null;
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
