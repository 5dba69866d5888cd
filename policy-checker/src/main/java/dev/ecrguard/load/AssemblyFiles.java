package dev.ecrguard.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Resolves a path named inside an output folder's manifest, refusing any that leaves the folder. */
final class AssemblyFiles {
    private AssemblyFiles() {}

    static Path resolve(Path boundary, Path folder, String relative, String manifestFile, String what) {
        Path root = boundary.toAbsolutePath().normalize();
        Path target = folder.toAbsolutePath().resolve(relative).normalize();
        if (!target.startsWith(root)) {
            throw new InputError(manifestFile, what + " names a path outside the folder " + boundary + ": " + relative);
        }
        if (!Files.exists(target)) {
            throw new InputError(manifestFile, what + " names a file that is not there: " + relative);
        }
        return target;
    }

    /** Records a file as read; false when it was read before (named twice, or reached by two paths). */
    static boolean firstRead(Set<Path> read, Path file) {
        return read.add(key(file));
    }

    /** Whether a file was read already. */
    static boolean wasRead(Set<Path> read, Path file) {
        return read.contains(key(file));
    }

    private static Path key(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    static String display(String folderDisplay, Path boundary, Path target) {
        String relative = boundary.toAbsolutePath().normalize().relativize(target).toString();
        return folderDisplay.endsWith("/") ? folderDisplay + relative : folderDisplay + "/" + relative;
    }
}
