package dev.ecrguard.report;

import dev.ecrguard.Checker;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.Severity;
import dev.ecrguard.load.InputError;
import java.io.PrintWriter;
import java.util.Map;

/** A summary for {@code $GITHUB_STEP_SUMMARY} or a pull-request comment. */
public final class MarkdownReporter {
    private MarkdownReporter() {}

    public static void write(Report report, PrintWriter out) {
        Checker.Result result = report.result();
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
                out.println("- `" + cell(e.oneLine()) + "`");
            }
        }
        if (!result.findings().isEmpty()) {
            out.println();
            out.println("### Findings");
            out.println();
            out.println("| severity | rule | resource | location | message |");
            out.println("|---|---|---|---|---|");
            for (Finding f : result.findings()) {
                out.println("| " + f.severity() + " | " + f.ruleId() + " | `" + cell(f.resource()) + "` | "
                        + location(f) + " | " + cell(f.message()) + " |");
            }
        }
        if (!result.notices().isEmpty()) {
            out.println();
            out.println("### Waiver notices");
            out.println();
            for (Checker.Notice n : result.notices()) {
                out.println("- `" + cell(n.file() + (n.line() != null ? ":" + n.line() : "")) + "`: " + cell(n.message()));
            }
        }
        if (!result.waived().isEmpty()) {
            out.println();
            out.println("### Waived");
            out.println();
            out.println("| rule | resource | reason |");
            out.println("|---|---|---|");
            for (Checker.Waived w : result.waived()) {
                out.println("| " + w.finding().ruleId() + " | `" + cell(w.finding().resource()) + "` | "
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
        return "`" + cell(f.file()) + (f.line() != null ? ":" + f.line() : "") + "`";
    }

    /** Keeps a value inside one table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
