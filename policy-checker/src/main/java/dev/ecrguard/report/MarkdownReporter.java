package dev.ecrguard.report;

import dev.ecrguard.waivers.Notice;
import dev.ecrguard.waivers.Result;
import dev.ecrguard.waivers.Waived;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.Severity;
import dev.ecrguard.load.InputError;
import java.io.PrintWriter;
import java.util.Map;

/**
 * A summary for {@code $GITHUB_STEP_SUMMARY} or a pull-request comment. Everything that comes from the input (ids,
 * files, messages, reasons) is written as a code span, after {@link SafeText#escape}: it cannot close its span, break
 * its table row, or render as Markdown or HTML.
 */
public final class MarkdownReporter {
    private MarkdownReporter() {}

    public static void write(Report report, PrintWriter out) {
        Result result = report.result();
        Map<Severity, Integer> counts = report.countsBySeverity();
        out.println("## ecr-guard: " + verdict(report));
        out.println();
        out.println("| errors | warnings | notes | waived | in baseline | files | input errors |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|");
        out.println("| " + counts.get(Severity.ERROR) + " | " + counts.get(Severity.WARNING) + " | "
                + counts.get(Severity.NOTE) + " | " + result.waived().size() + " | " + result.baselined().size()
                + " | " + result.inputs().loaded.size() + " | " + result.inputs().errors.size() + " |");
        if (!result.inputs().errors.isEmpty()) {
            out.println();
            out.println("### Inputs that could not be read");
            out.println();
            for (InputError e : result.inputs().errors) {
                out.println("- " + code(e.oneLine()));
            }
        }
        if (!result.findings().isEmpty()) {
            out.println();
            out.println("### Findings");
            out.println();
            out.println("| severity | rule | resource | location | message |");
            out.println("|---|---|---|---|---|");
            for (Finding f : result.findings()) {
                out.println("| " + f.severity().label() + " | " + f.ruleId() + " | " + cell(f.resource()) + " | "
                        + location(f) + " | " + cell(f.message()) + " |");
            }
        }
        if (!result.notices().isEmpty()) {
            out.println();
            out.println("### Waiver notices");
            out.println();
            for (Notice n : result.notices()) {
                out.println("- " + code(n.position().toString()) + ": "
                        + code(n.message()));
            }
        }
        if (!result.waived().isEmpty()) {
            out.println();
            out.println("### Waived");
            out.println();
            out.println("| rule | resource | reason |");
            out.println("|---|---|---|");
            for (Waived w : result.waived()) {
                out.println("| " + w.finding().ruleId() + " | " + cell(w.finding().resource()) + " | "
                        + cell(w.reason()) + " |");
            }
        }
    }

    private static String verdict(Report report) {
        return switch (report.exitCode()) {
            case Report.OK -> "passed";
            case Report.FINDINGS -> "failed (findings at or above " + report.failOn().label() + ")";
            default -> "failed (inputs could not be read)";
        };
    }

    private static String location(Finding f) {
        if (f.file() == null) {
            return "";
        }
        return cell(f.position().toString());
    }

    /** Input-derived text in a table cell: a code span whose pipes are escaped, as GFM tables split cells first. */
    static String cell(String text) {
        return codeSpan(SafeText.escape(text).replace("|", "\\|"));
    }

    /** Input-derived text outside a table (where a {@code \|} would show its backslash). */
    static String code(String text) {
        return codeSpan(SafeText.escape(text));
    }

    /**
     * A code span that nothing inside can close: its fence is one backtick longer than the longest run of backticks
     * in the text, and a space pads a text that starts or ends with a backtick or a blank (CommonMark strips one
     * space from each side). Inside a code span Markdown, HTML, entities, links, images and autolinks are all plain
     * text, so this is the one escape a hostile id needs.
     */
    private static String codeSpan(String text) {
        if (text.isEmpty()) {
            return "";
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = text.startsWith("`") || text.endsWith("`") || text.startsWith(" ") || text.endsWith(" ");
        String padding = pad ? " " : "";
        return fence + padding + text + padding + fence;
    }
}
