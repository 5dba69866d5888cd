package dev.ecrguard.load;

import java.nio.file.Files;
import java.nio.file.Path;

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

    static String display(String folderDisplay, Path boundary, Path target) {
        String relative = boundary.toAbsolutePath().normalize().relativize(target).toString();
        return folderDisplay.endsWith("/") ? folderDisplay + relative : folderDisplay + "/" + relative;
    }
}
