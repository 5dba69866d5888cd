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
                case "error" -> "error";
                case "warning" -> "warning";
                default -> "notice";
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
        report.result().notices().forEach(n -> out.println("::warning file=" + property(n.file())
                + (n.line() != null ? ",line=" + n.line() : "") + ",title=ecr-guard waiver::" + data(n.message())));
        report.result().inputs().errors.forEach(e -> out.println("::error " + (e.file().equals("-") ? ""
                : "file=" + property(e.file()) + (e.line() != null ? ",line=" + e.line() : "") + ",")
                + "title=ecr-guard input error::" + data(e.getMessage())));
    }

    /** Escapes a message as the runner expects (workflow command syntax). */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value: also ':' and ','. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
