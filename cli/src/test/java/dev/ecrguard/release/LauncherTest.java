package dev.ecrguard.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-alone launcher shipped beside the jar (cli/src/main/dist/ecr-guard) finds Java 17+ or says why not. */
class LauncherTest {
    @TempDir
    Path work;

    private Path launcher;
    /** A PATH with the tools the launcher uses and no java. */
    private Path tools;

    @BeforeEach
    void release() throws Exception {
        Path release = Files.createDirectories(work.resolve("release"));
        launcher = release.resolve("ecr-guard");
        Files.copy(Run.root().resolve("cli/src/main/dist/ecr-guard"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(release.resolve("ecr-guard.jar"), Run.cliJar());
        tools = Files.createDirectories(work.resolve("tools"));
        for (String tool : List.of("sh", "dirname", "readlink", "sed", "head", "cut")) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                if (Files.isExecutable(Path.of(dir, tool)) && !Files.exists(tools.resolve(tool))) {
                    Files.createSymbolicLink(tools.resolve(tool), Path.of(dir, tool));
                }
            }
        }
    }

    @Test
    void runsTheJarWithTheJavaOfJavaHome() throws Exception {
        Run run = launch(env(System.getProperty("java.home"), tools.toString()), "--version");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("ecr-guard " + Run.projectVersion());
    }

    @Test
    void runsTheJarWithTheJavaOnPathAndPassesArgumentsAndTheExitCode() throws Exception {
        Path bin = Files.createDirectories(work.resolve("jdk-on-path"));
        Files.createSymbolicLink(bin.resolve("java"), Path.of(Run.java()));

        Run run = launch(env(null, bin + ":" + tools), "check",
                Run.root().resolve("examples/terraform/plan-registry.json").toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("ECR005 aws_ecr_repository.tools");
    }

    @Test
    void worksThroughASymbolicLinkElsewhere() throws Exception {
        Path link = Files.createDirectories(work.resolve("bin")).resolve("ecr-guard");
        Files.createSymbolicLink(link, launcher);

        Run run = Run.of(List.of(link.toString(), "--version"), work, env(System.getProperty("java.home"),
                tools.toString()));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(Run.projectVersion());
    }

    @Test
    void saysSoWhenNoJavaIsFound() throws Exception {
        Run run = launch(env(null, tools.toString()), "--version");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err().strip()).isEqualTo("ecr-guard: Java 17 or later is needed and no java was found: set "
                + "JAVA_HOME or put java on PATH (for example from https://adoptium.net)");
    }

    @Test
    void refusesAnOldJavaFromJavaHomeNamingIt() throws Exception {
        Path home = fakeJava("jdk11", "openjdk version \"11.0.22\" 2024-01-16");

        Run run = launch(env(home.toString(), tools.toString()), "--version");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("Java 17 or later is needed, but the java from JAVA_HOME (" + home
                + ") is Java 11.0.22");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void refusesJava8OnPath() throws Exception {
        Path home = fakeJava("jdk8", "java version \"1.8.0_402\"");

        Run run = launch(env(null, home.resolve("bin") + ":" + tools), "--version");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("is Java 1.8.0_402", "Java 17 or later is needed");
    }

    @Test
    void saysSoWhenJavaHomeHasNoJava() throws Exception {
        Path empty = Files.createDirectories(work.resolve("not-a-jdk"));

        Run run = launch(env(empty.toString(), tools.toString()), "--version");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("JAVA_HOME is " + empty + ", but " + empty + "/bin/java is not there");
    }

    @Test
    void saysSoWhenTheJarIsNotBesideIt() throws Exception {
        Files.delete(launcher.resolveSibling("ecr-guard.jar"));

        Run run = launch(env(System.getProperty("java.home"), tools.toString()), "--version");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("ecr-guard.jar is missing: keep this launcher in the folder of ecr-guard.jar");
    }

    /** A JAVA_HOME whose java prints a version banner and would fail the test if it were run for real. */
    private Path fakeJava(String name, String banner) throws Exception {
        Path bin = Files.createDirectories(work.resolve(name).resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nif [ \"$1\" = -version ]; then echo '" + banner + "' >&2; exit 0; fi\n"
                + "echo 'ran the old java' >&2; exit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return work.resolve(name);
    }

    private static Map<String, String> env(String javaHome, String path) {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", javaHome);
        env.put("PATH", path);
        env.put("ECR_GUARD_JAVA_OPTS", null);
        return env;
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return Run.of(command, work, env);
    }
}
