package dev.ecrguard.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Runs the CLI in a separate JVM (another user, another heap), for the tests that need one. */
public final class ChildJvm {
    private ChildJvm() {}

    public record Result(int exit, String out, String err) {}

    public static Result run(List<String> command) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command).start();
        // stdout and stderr are small here; read both before waiting so that neither pipe fills
        String out = new String(child.getInputStream().readAllBytes());
        String err = new String(child.getErrorStream().readAllBytes());
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child JVM did not end in 120 s: " + command);
        }
        return new Result(child.exitValue(), out, err);
    }

    /** The test classpath, with surefire's manifest-only booter jar expanded into the entries it names. */
    public static List<Path> classpath() throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            String manifestPath = null;
            if (Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    if (jar.getManifest() != null) {
                        manifestPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    }
                }
            }
            if (manifestPath != null && path.getFileName().toString().startsWith("surefirebooter")) {
                for (String named : manifestPath.trim().split("\\s+")) {
                    entries.add(Path.of(java.net.URI.create(named)));
                }
            } else {
                entries.add(path);
            }
        }
        return entries;
    }

    /** Copies a jar or a classes folder. */
    public static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Makes a folder tree readable and searchable by every user. */
    public static void openToEveryone(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
                        : "rw-r--r--"));
            }
        }
        for (Path up = root.getParent(); up != null && up.startsWith("/tmp"); up = up.getParent()) {
            if (!up.equals(Path.of("/tmp"))) {
                Files.setPosixFilePermissions(up, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
