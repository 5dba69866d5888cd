package dev.ecrguard.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Resolves a path named inside an output folder's manifest (or a template), refusing any that leaves the folder:
 * by its name ({@code ../}) or through a symbolic link, since the real path is what is checked.
 */
public final class AssemblyFiles {
    private AssemblyFiles() {}

    public static Path resolve(Path boundary, Path folder, String relative, String manifestFile, String what) {
        Path target = named(folder, relative, manifestFile, what);
        if (!target.startsWith(boundary.toAbsolutePath().normalize())) {
            throw new InputError(manifestFile, what + " names a path outside the folder " + boundary + ": " + relative);
        }
        if (!Files.exists(target)) {
            throw new InputError(manifestFile, what + " names a file that is not there: " + relative);
        }
        if (!inside(boundary, target)) {
            throw new InputError(manifestFile, what + " names a symbolic link that leads outside the folder "
                    + boundary + ": " + relative);
        }
        return target;
    }

    /** {@code relative} resolved against {@code folder}; a name the file system cannot hold (a NUL) is an input error. */
    public static Path named(Path folder, String relative, String file, String what) {
        try {
            return folder.toAbsolutePath().resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new InputError(file, what + " names a path that cannot exist (" + e.getReason() + ")");
        }
    }

    /**
     * Whether {@code target}, an existing file, really lies inside {@code boundary} once every symbolic link on the
     * way is followed.
     */
    public static boolean inside(Path boundary, Path target) {
        try {
            return target.toRealPath().startsWith(boundary.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** Records a file as read; false when it was read before (named twice, or reached by two paths). */
    static boolean firstRead(Set<Path> read, Path file) {
        return read.add(realPath(file));
    }

    /** Whether a file was read already. */
    static boolean wasRead(Set<Path> read, Path file) {
        return read.contains(realPath(file));
    }

    /** The file's real path (links resolved), or its normalized absolute path when it cannot be resolved. */
    public static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    public static String display(String folderDisplay, Path boundary, Path target) {
        String relative = boundary.toAbsolutePath().normalize().relativize(target).toString();
        return folderDisplay.endsWith("/") ? folderDisplay + relative : folderDisplay + "/" + relative;
    }
}
