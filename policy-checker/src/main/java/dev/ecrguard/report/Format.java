package dev.ecrguard.report;

import java.io.PrintWriter;
import java.util.Locale;

/** The report formats of {@code ecr-guard check --format}. */
public enum Format {
    TEXT(TextReporter::write),
    JSON(JsonReporter::write),
    SARIF(SarifReporter::write),
    JUNIT(JunitReporter::write),
    GITHUB(GithubReporter::write),
    MARKDOWN(MarkdownReporter::write);

    /** Writes one report in one format. */
    @FunctionalInterface
    public interface Writer {
        void write(Report report, PrintWriter out);
    }

    private final Writer writer;

    Format(Writer writer) {
        this.writer = writer;
    }

    public void write(Report report, PrintWriter out) {
        writer.write(report, out);
        out.flush();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Format parse(String text) {
        for (Format f : values()) {
            if (f.label().equals(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "' (text, json, sarif, junit, github, markdown)");
    }
}
