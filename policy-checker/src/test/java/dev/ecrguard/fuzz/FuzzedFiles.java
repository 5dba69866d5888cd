package dev.ecrguard.fuzz;

import dev.ecrguard.load.InputError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * What every fuzz target checks, and where it writes its inputs. The property (issue 9): any input gives a result or
 * an {@link InputError} naming the file; any other exception, a hang (libFuzzer's {@code -timeout}) or running out
 * of memory is a finding.
 */
final class FuzzedFiles {
    private static Path folder;

    private FuzzedFiles() {}

    /** One folder per JVM, emptied by the caller before each input. */
    static synchronized Path folder() {
        if (folder == null) {
            try {
                folder = Files.createTempDirectory("ecr-guard-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            folder.toFile().deleteOnExit();
        }
        return folder;
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every error names one of the files the run was given (or a file inside a folder it was given). */
    static void requireErrorsName(Collection<InputError> errors, String... names) {
        for (InputError error : errors) {
            boolean named = false;
            for (String name : names) {
                named |= error.file() != null && (error.file().equals(name) || error.file().startsWith(name + "/"));
            }
            if (!named || error.getMessage() == null || error.oneLine().contains("\n")) {
                throw new IllegalStateException("an input error that names no input file, or spans lines: "
                        + error.oneLine());
            }
        }
    }
}
