package dev.ecrguard.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A finished process: exit code, standard output and standard error. */
record Run(int exit, String out, String err) {
    private static final long TIMEOUT_SECONDS = 120;

    /** Runs a command in a folder with extra environment variables (null values remove a variable). */
    static Run of(List<String> command, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        env.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        Process process = builder.start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    /** The project's version as Maven builds it (the surefire configuration passes it). */
    static String projectVersion() {
        return System.getProperty("project.version");
    }

    /** policy-checker/target/ecr-guard.jar, built by the reactor before this module. */
    static Path cliJar() {
        return Path.of(System.getProperty("cli.jar")).toAbsolutePath().normalize();
    }

    /** The repository root. */
    static Path root() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    /** The java running the tests, for the processes they start. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
