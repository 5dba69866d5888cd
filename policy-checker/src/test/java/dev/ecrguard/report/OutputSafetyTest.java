package dev.ecrguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every human-readable line is safe in a GitHub Actions log, a terminal and a pull-request comment: no raw control
 * or bidi characters from the input, one message per line, and no line that the runner could read as a command.
 */
class OutputSafetyTest {
    @Test
    void escapeWritesControlAndBidiCharactersVisibly() {
        assertThat(SafeText.escape("x\n::error::pwned")).isEqualTo("x\\n::error::pwned");
        assertThat(SafeText.escape("x\u001b[31m")).isEqualTo("x\\u001b[31m");
        assertThat(SafeText.escape("a\r\tb")).isEqualTo("a\\r\\tb");
        assertThat(SafeText.escape("\u202Eabc\u2066\u2069\u200F")).isEqualTo("\\u202eabc\\u2066\\u2069\\u200f");
        assertThat(SafeText.escape("\u0085\u009b\u007f\u0000")).isEqualTo("\\u0085\\u009b\\u007f\\u0000");
        assertThat(SafeText.escape("\u2028\uFFFF")).isEqualTo("\\u2028\\uffff");
        assertThat(SafeText.escape("a\uD800b\uDC00")).isEqualTo("a\\ud800b\\udc00");
        assertThat(SafeText.escape("caf\u00e9 \uD83D\uDE00 C:\\dir AWS::ECR::Repository"))
                .as("printable text, surrogate pairs and backslashes stay as they are")
                .isEqualTo("caf\u00e9 \uD83D\uDE00 C:\\dir AWS::ECR::Repository");
    }

    @Test
    void aLineNeverStartsWithAWorkflowCommand() {
        assertThat(SafeText.line("::error::pwned")).isEqualTo("\\u003a:error::pwned");
        assertThat(SafeText.line("   ::stop-commands::x")).isEqualTo("   \\u003a:stop-commands::x");
        assertThat(SafeText.line("##[group]x")).isEqualTo("\\u0023#[group]x");
        assertThat(SafeText.line("file.json:3: error ECR001 AWS::ECR::Repository")).isEqualTo(
                "file.json:3: error ECR001 AWS::ECR::Repository");
    }

    @Test
    void theTextReportIsOneSafeLinePerFinding() {
        String text = HostileResults.write(Format.TEXT);
        List<String> lines = text.lines().toList();
        int n = HostileResults.HOSTILE.size();
        assertThat(lines).hasSize(2 * n + 1);
        lines.forEach(OutputSafetyTest::assertSafeLine);
        assertThat(text).contains("aws_ecr_repository.x\\n::error::pwned", "x\\u001b[31mred", "rtl\\u202eevil");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("\\u003a:stop-commands::token.json:3: error"));
    }

    @Test
    void githubAnnotationsFollowTheWorkflowCommandRulesAndSmuggleNothing() {
        String out = HostileResults.write(Format.GITHUB);
        List<String> lines = out.lines().toList();
        int n = HostileResults.HOSTILE.size();
        assertThat(lines).hasSize(3 * n);
        for (String line : lines) {
            assertNoControlOrBidi(line);
            assertThat(line).matches("::(error|warning|notice) .*");
            // The runner ends the properties at the first "::" after the command; it must be ours.
            int separator = line.indexOf("::", 2);
            String properties = line.substring(2, separator);
            String data = line.substring(separator + 2);
            assertThat(properties).matches("(error|warning|notice) (file=[^:,]*,)?(line=\\d+,)?title=[^:,]*");
            assertThat(data).doesNotContain("::");
            // What the runner shows once it decodes the data is still one line.
            assertThat(data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")).doesNotContain("\n", "\r");
        }
        assertThat(out).contains("title=ECR001 aws_ecr_repository.per%25cent%250A%2C comma%3A colon::");
        assertThat(out).contains("::tags can move: x\\n:\\:error:\\:pwned");
        assertThat(out).contains("tags can move: :\\:stop-commands:\\:token");
    }

    @Test
    void hostileIdsFromATemplateComeOutEscapedOnStandardOutputAndErrors(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("main.tf.json");
        Files.writeString(config, """
                {"resource": {"aws_ecr_repository": {
                  "x\\n::error::pwned": {"name": "a", "image_tag_mutability": "MUTABLE"},
                  "y\\u001b[31m\\u202e": {"name": "b", "image_tag_mutability": "MUTABLE"}
                }}}
                """);
        Path broken = Files.writeString(dir.resolve("bad\n::error::pwned\u001b[2J.json"), "{\"resource\": ");
        for (String format : List.of("text", "github")) {
            CliRun r = CliRun.run("check", "--format", format, config.toString(), broken.toString());
            assertThat(r.exit()).isEqualTo(3);
            r.out().lines().forEach(OutputSafetyTest::assertNoControlOrBidi);
            r.err().lines().forEach(OutputSafetyTest::assertSafeLine);
            assertThat(r.err().lines()).allSatisfy(l -> assertThat(l).startsWith("ecr-guard: "));
            assertThat(r.err()).contains("bad\\n::error::pwned\\u001b[2J.json");
            if (format.equals("text")) {
                r.out().lines().forEach(OutputSafetyTest::assertSafeLine);
                assertThat(r.out()).contains("aws_ecr_repository.x\\n::error::pwned: ",
                        "aws_ecr_repository.y\\u001b[31m\\u202e: ");
            }
        }
    }

    @Test
    void usageErrorsDoNotEchoArgumentsRaw() {
        CliRun r = CliRun.run("check", "--bogus\n::error::pwned\u001b[31m", "x.json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--bogus\\n::error::pwned\\u001b[31m");
        r.err().lines().forEach(OutputSafetyTest::assertSafeLine);
        CliRun format = CliRun.run("check", "--format", "x\n::error::y", "x.json");
        assertThat(format.exit()).isEqualTo(2);
        format.err().lines().forEach(OutputSafetyTest::assertSafeLine);
    }

    static void assertSafeLine(String line) {
        assertNoControlOrBidi(line);
        assertThat(line.stripLeading()).as(line).doesNotStartWith("::").doesNotStartWith("##[");
    }

    static void assertNoControlOrBidi(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
            boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
            boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < line.length()
                    && Character.isLowSurrogate(line.charAt(i + 1)));
            assertThat(control || bidi || lone || c == '\u2028').as("U+%04X at %d in %s", (int) c, i, line).isFalse();
            if (Character.isHighSurrogate(c) && !lone) {
                i++;
            }
        }
    }
}
