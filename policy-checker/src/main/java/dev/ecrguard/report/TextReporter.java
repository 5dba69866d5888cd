package dev.ecrguard.report;

import dev.ecrguard.waivers.Waived;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.Severity;
import java.io.PrintWriter;
import java.util.Map;

/**
 * One line per finding, {@code file:line: severity RULE resource: message}, then a summary line; a resource a CDK
 * or CDKTF construct made is named with its construct path too, {@code resource (construct Legacy/Scratch)}. Each
 * line goes through {@link SafeText#line}: ids, values and file names come from the input.
 */
public final class TextReporter {
    private TextReporter() {}

    public static void write(Report report, PrintWriter out) {
        for (Finding f : report.result().findings()) {
            out.println(SafeText.line(f.position() + ": " + f.severity().label() + " " + f.ruleId() + " " + named(f) + ": "
                    + f.message()));
        }
        for (Waived w : report.result().waived()) {
            Finding f = w.finding();
            out.println(SafeText.line(f.position() + ": waived " + f.ruleId() + " " + named(f) + ": " + f.message()
                    + " (waived: " + w.reason() + ")"));
        }
        Map<Severity, Integer> counts = report.countsBySeverity();
        int total = report.result().findings().size();
        int skipped = report.result().inputs().skipped.size();
        int errors = report.result().inputs().errors.size();
        out.println(total + (total == 1 ? " finding" : " findings") + " (" + counts.get(Severity.ERROR) + " error, "
                + counts.get(Severity.WARNING) + " warning, " + counts.get(Severity.NOTE) + " note) in "
                + report.result().inputs().loaded.size() + " file(s)"
                + (report.result().waived().isEmpty() ? "" : ", " + report.result().waived().size() + " waived")
                + (report.result().baselined().isEmpty() ? "" : ", " + report.result().baselined().size()
                        + " in the baseline")
                + (skipped > 0 ? ", " + skipped + " skipped" : "")
                + (errors > 0 ? ", " + errors + " input error(s)" : ""));
    }

    private static String named(Finding f) {
        return f.resource() + (f.constructPath() == null ? "" : " (construct " + f.constructPath() + ")");
    }
}
