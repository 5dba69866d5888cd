package dev.ecrguard.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A GitHub release laid out in a folder, as cli/target/release holds it, standing in for the download:
 * DIR/vVERSION/{ecr-guard.jar, ecr-guard.jar.sha256, ecr-guard, ecr-guard.sha256}, fetched through file:// URLs.
 */
final class LocalRelease {
    private LocalRelease() {}

    /** Lays out release VERSION under DIR and returns the download URL to give instead of GitHub's. */
    static String create(Path dir, String version) throws Exception {
        Path assets = Files.createDirectories(dir.resolve("v" + version));
        Files.copy(Run.cliJar(), assets.resolve("ecr-guard.jar"));
        Files.copy(Run.root().resolve("cli/src/main/dist/ecr-guard"), assets.resolve("ecr-guard"));
        Files.setPosixFilePermissions(assets.resolve("ecr-guard"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String asset : new String[] {"ecr-guard.jar", "ecr-guard"}) {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(assets.resolve(asset))));
            Files.writeString(assets.resolve(asset + ".sha256"), sha256 + "  " + asset + "\n");
        }
        return dir.toUri().toString();
    }
}
