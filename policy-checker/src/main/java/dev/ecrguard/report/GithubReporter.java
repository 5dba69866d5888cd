package dev.ecrguard.report;

import dev.ecrguard.engine.Finding;
import java.io.PrintWriter;

/**
 * GitHub Actions workflow commands: {@code ::error file=...,line=...,title=ECR001 resource::message}, so findings
 * show as annotations on the pull request's diff. Notes become {@code ::notice}.
 */
public final class GithubReporter {
    private GithubReporter() {}

    public static void write(Report report, PrintWriter out) {
        for (Finding f : report.result().findings()) {
            String command = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case NOTE, NEVER -> "notice";
            };
            StringBuilder line = new StringBuilder("::").append(command).append(' ');
            if (f.file() != null && !f.file().equals("-")) {
                line.append("file=").append(property(f.file())).append(',');
                if (f.line() != null) {
                    line.append("line=").append(f.line()).append(',');
                }
            }
            line.append("title=").append(property(f.ruleId() + " " + f.resource()));
            line.append("::").append(data(f.message()));
            out.println(line);
        }
        report.result().notices().forEach(n -> out.println("::warning file=" + property(n.position().file())
                + (n.position().line() != null ? ",line=" + n.position().line() : "") + ",title=ecr-guard waiver::" + data(n.message())));
        report.result().inputs().errors.forEach(e -> out.println("::error " + (e.file().equals("-") ? ""
                : "file=" + property(e.file()) + (e.line() != null ? ",line=" + e.line() : "") + ",")
                + "title=ecr-guard input error::" + data(e.getMessage())));
    }

    /**
     * A message as the runner expects it (workflow command syntax: {@code %} percent-encoded; CR and LF would be too,
     * but {@link SafeText#escape} has already written them as {@code \r}/{@code \n}, so that the message stays one
     * line once the runner decodes it). A {@code ::} is broken up
     * ({@code :\:}): the runner takes a line as a command only at its start, but nothing from the input should even
     * look like {@code ::stop-commands::} or {@code ::add-mask::}.
     */
    static String data(String text) {
        return SafeText.escape(text).replace("%", "%25").replaceAll("(?<=:):", "\\\\:");
    }

    /** A property value: also {@code :} and {@code ,} percent-encoded, so no {@code ::} can end the properties. */
    static String property(String text) {
        return SafeText.escape(text).replace("%", "%25").replace(":", "%3A").replace(",", "%2C");
    }
}
