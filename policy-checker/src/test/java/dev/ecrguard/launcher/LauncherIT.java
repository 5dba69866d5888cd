package dev.ecrguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root launcher (ecr-guard) on the packaged jar: it must start from the class-data archive built with the jar,
 * because the JVM silently ignores an archive that does not match. Runs after {@code package} (failsafe).
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theLauncherLoadsTheCheckerFromTheClassDataArchive(@TempDir Path tmp) throws Exception {
        Path classLoads = tmp.resolve("class-load.log");
        // -Xshare:on: the JVM refuses to start when it cannot map the archive, instead of ignoring it.
        Run run = launch(tmp, "-Xshare:on -Xlog:class+load=info:file=" + classLoads,
                "check", "--format", "json", "--fail-on", "never", "examples/terraform/plan-registry.json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"ECR001\"");
        List<String> loads = Files.readAllLines(classLoads);
        assertThat(loads).anyMatch(l -> l.contains(" dev.ecrguard.cli.Main source: shared objects file"))
                .anyMatch(l -> l.contains(" dev.ecrguard.engine.PolicyModuleMachine source: shared objects file"))
                .anyMatch(l -> l.contains(" dev.ecrguard.load.terraform.TerraformPlanStream source: shared objects file"));
        long fromArchive = loads.stream().filter(l -> l.contains("source: shared objects file")).count();
        assertThat(fromArchive).as("classes loaded from the archive, of %d", loads.size())
                .isGreaterThan(loads.size() * 9L / 10);
    }

    @Test
    void theLauncherReportsWhatTheJarReports(@TempDir Path tmp) throws Exception {
        Path jar = ROOT.resolve("policy-checker/target/ecr-guard.jar");
        List<String> check = List.of("check", "--format", "json", "--fail-on", "never",
                "examples/cloudformation/registry.yaml");
        Run launcher = launch(tmp, "", check.toArray(String[]::new));
        Run plain = exec(tmp, List.of(), concat(List.of("java", "-jar", jar.toString()), check));

        assertThat(launcher.exit()).as(launcher.err()).isZero();
        assertThat(launcher.out()).isEqualTo(plain.out()).contains("\"ECR001\"");
        assertThat(launcher.err()).isEqualTo(plain.err());
    }

    private static Run launch(Path tmp, String javaOpts, String... args) throws Exception {
        return exec(tmp, List.of("ECR_GUARD_JAVA_OPTS=" + javaOpts),
                concat(List.of(ROOT.resolve("ecr-guard").toString()), List.of(args)));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Run exec(Path tmp, List<String> env, List<String> command) throws IOException, InterruptedException {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        env.forEach(e -> builder.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {}
}
