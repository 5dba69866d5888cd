package dev.ecrguard.waivers;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Input file names as a baseline or waiver file compares them with a finding's file: normalized ({@code ./} and
 * {@code a/../} dropped), relative to the working directory when under it, with {@code /} separators on every OS. So
 * {@code ./prod/main.tf.json}, {@code prod//main.tf.json} and {@code $PWD/prod/main.tf.json} are one file.
 */
final class FileNames {
    private FileNames() {}

    static String normalize(String file) {
        try {
            Path path = Path.of(file).normalize();
            Path cwd = Path.of("").toAbsolutePath();
            if (path.isAbsolute() && path.startsWith(cwd)) {
                path = cwd.relativize(path);
            }
            return path.toString().replace(File.separatorChar, '/');
        } catch (InvalidPathException e) {
            // A glob character Windows does not allow in a path: compare the text as written.
            return file;
        }
    }
}
