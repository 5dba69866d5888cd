package dev.ecrguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report that cannot be written is never lost with exit 0: what can be checked before the run is a usage error
 * (exit 2, before any input is read), a write that fails at the end is exit 3 with one line.
 */
class ReportDestinationTest {
    private static final String PLAN = "../examples/terraform/plan-registry.json";
    private static final String CLEAN = "../examples/terraform/plan-clean.json";
    /** An input that does not exist: a usage error found first never gets to report it. */
    private static final String MISSING = "no/such/input.json";

    @Test
    void aReportOnAFullDeviceIsAnInputErrorAfterTheOtherReports() {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full");
        CliRun r = CliRun.run("check", "--format", "text", "--format", "json=/dev/full", CLEAN);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("0 findings");
        assertThat(r.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("ecr-guard: /dev/full: could not write the json report (").contains("No space left"));
    }

    @Test
    void aFolderAsTheReportFileIsAUsageErrorBeforeAnyWork(@TempDir Path dir) {
        CliRun output = CliRun.run("check", "-o", dir.toString(), MISSING);
        assertThat(output.exit()).isEqualTo(2);
        assertThat(output.err()).contains(dir + ": it is a folder").doesNotContain(MISSING);
        CliRun format = CliRun.run("check", "--format", "sarif=" + dir, MISSING);
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("sarif report to " + dir + ": it is a folder");
    }

    @Test
    void aReportInAFolderThatDoesNotExistIsAUsageError(@TempDir Path dir) {
        Path file = dir.resolve("missing").resolve("report.json");
        CliRun r = CliRun.run("check", "--format", "json=" + file, MISSING);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no folder " + dir.resolve("missing")).doesNotContain(MISSING);
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void twoFormatsToOneFileIsAUsageError(@TempDir Path dir) {
        Path file = dir.resolve("report");
        CliRun both = CliRun.run("check", "--format", "json=" + file, "--format", "sarif=" + dir + "/./report", MISSING);
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--format json and --format sarif both write");
        CliRun viaOutput = CliRun.run("check", "-o", file.toString(), "--format", "text", "--format", "junit=" + file,
                MISSING);
        assertThat(viaOutput.exit()).isEqualTo(2);
        assertThat(viaOutput.err()).contains("--format text and --format junit both write");
        CliRun twoOnStdout = CliRun.run("check", "--format", "text", "--format", "json", MISSING);
        assertThat(twoOnStdout.exit()).isEqualTo(2);
        assertThat(file).doesNotExist();
    }

    @Test
    void aFailingStandardOutputIsAnInputErrorNotAPass() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (List<String> args : List.of(List.of("check", CLEAN), List.of("check", "--format", "json", PLAN),
                List.of("baseline", PLAN), List.of("model", CLEAN), List.of("rules"))) {
            err.reset();
            int exit = Main.run(args.toArray(String[]::new), new PrintStream(broken, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(exit).as(args.toString()).isEqualTo(3);
            assertThat(err.toString(StandardCharsets.UTF_8)).as(args.toString())
                    .isEqualTo("ecr-guard: could not write to standard output" + System.lineSeparator());
        }
    }

    @Test
    void standardOutputOnAFullDeviceExitsThreeInARealProcess(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, Main.class.getName(), "check", Path.of(CLEAN).toAbsolutePath().toString());
        builder.redirectOutput(Path.of("/dev/full").toFile()).redirectError(dir.resolve("stderr").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("stderr"))).contains("could not write to standard output");
    }
}
