package dev.ecrguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output is UTF-8 whatever the locale: the command line runs in a child JVM whose default and standard-stream
 * charsets are ASCII (as under {@code LANG=C}), and its standard output, standard error and report file are read as
 * bytes.
 */
class Utf8OutputTest {
    private static final String ID = "caf\u00e9_\u65e5\u672c_\uD83D\uDE00";

    @Test
    void standardOutputStandardErrorAndReportFilesAreUtf8UnderAnAsciiLocale(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("main.tf.json");
        Files.writeString(config, "{\"resource\": {\"aws_ecr_repository\": {\"" + ID + "\": {\"name\": \"a\", "
                + "\"image_tag_mutability\": \"MUTABLE\"}}}}");
        Path waivers = dir.resolve("waivers.yaml");
        Files.writeString(waivers, "waivers:\n  - rule: ECR007\n    resource: \"" + ID + "-gone\"\n"
                + "    reason: \"r\u00e9sum\u00e9\"\n");
        Path report = dir.resolve("report.json");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=ANSI_X3.4-1968", "-Dstdout.encoding=US-ASCII", "-Dstderr.encoding=US-ASCII",
                "-Dsun.stdout.encoding=US-ASCII", "-Dsun.stderr.encoding=US-ASCII", "-cp", classPath(),
                Main.class.getName(), "check", "--waivers", waivers.toString(), "--format", "text",
                "--format", "json=" + report, config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("LANG", "C");
        builder.environment().put("LC_ALL", "C");
        builder.redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);

        String out = strictUtf8(Files.readAllBytes(dir.resolve("stdout")));
        String err = strictUtf8(Files.readAllBytes(dir.resolve("stderr")));
        String json = strictUtf8(Files.readAllBytes(report));
        assertThat(out).contains("aws_ecr_repository." + ID + ": ");
        assertThat(err).contains("waiver ECR007 on " + ID + "-gone");
        assertThat(json).contains("\"resource\" : \"aws_ecr_repository." + ID + "\"");
    }

    /** Decodes UTF-8, failing on any byte sequence that is not (a '?' would decode but not match). */
    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** The test class path (surefire may hide it behind a manifest-only jar on java.class.path). */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
