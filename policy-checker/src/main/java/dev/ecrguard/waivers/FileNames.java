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

    /**
     * Whether one file is Terraform source ({@code .tf}, {@code .tofu}) and the other a JSON file (a plan or state)
     * in a folder that holds it: the same code before and after {@code terraform plan}, where the same address is the
     * same resource. Both are normalized names.
     */
    static boolean sourceAndItsPlan(String a, String b) {
        return isSource(a) && !isSource(b) && holds(folderOf(b), a) || isSource(b) && !isSource(a) && holds(folderOf(a), b);
    }

    private static boolean isSource(String file) {
        return file.endsWith(".tf") || file.endsWith(".tofu");
    }

    private static String folderOf(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash + 1);
    }

    /** Whether a folder (empty: the working directory; else ending in /) holds a file, at any depth. */
    private static boolean holds(String folder, String file) {
        return folder.isEmpty() ? !file.startsWith("/") && !file.startsWith("../") : file.startsWith(folder);
    }
}
