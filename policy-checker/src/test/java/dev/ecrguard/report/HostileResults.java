package dev.ecrguard.report;

import dev.ecrguard.waivers.Notice;
import dev.ecrguard.waivers.Result;
import dev.ecrguard.waivers.Waived;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.RuleCatalog;
import dev.ecrguard.engine.Severity;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.Location;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.Repository;
import dev.ecrguard.model.SourcePosition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Check results whose every input-derived string is hostile, for the output-safety tests of each format. */
final class HostileResults {
    static final List<String> HOSTILE = List.of(
            "x\n::error::pwned",
            "x\r\n::add-mask::secret",
            "x\u001b[31mred\u001b[0m",
            "::stop-commands::token",
            "  ::warning::leading blanks",
            "##[error]old syntax",
            "rtl\u202Eevil\u2066iso\u2069",
            "c1\u0085\u009b31m",
            "nul\u0000bell\u0007del\u007f",
            "sep\u2028line",
            "lone\uD800surrogate",
            "non\uFFFEchar",
            "tick`s ``` and <b>html</b> & [link](https://evil.example) ![img](https://evil.example/i.png)",
            "| pipe | *star* _under_ # hash ~strike~ \\ backslash www.evil.example",
            "per%cent%0A, comma: colon",
            "caf\u00e9 \uD83D\uDE00");

    private HostileResults() {}

    /** One finding, one waived finding and one input error per hostile string, all hostile in every field. */
    static Report report() {
        List<String> loaded = new java.util.ArrayList<>();
        Model.Builder model = Model.builder();
        List<InputError> errors = new java.util.ArrayList<>();
        List<Finding> findings = new java.util.ArrayList<>();
        List<Waived> waived = new java.util.ArrayList<>();
        List<Notice> notices = new java.util.ArrayList<>();
        for (String h : HOSTILE) {
            String file = h + ".json";
            loaded.add(file);
            model.add(new Repository("aws_ecr_repository." + h, "aws_ecr_repository", null, null,
                    null, null, null, null, new Location(file, 3, null), List.of()));
            findings.add(new Finding("ECR001", Severity.ERROR, "aws_ecr_repository." + h, "aws_ecr_repository", file, 3,
                    "Stack/" + h, "tags can move: " + h));
            waived.add(new Waived(new Finding("ECR003", Severity.WARNING, "aws_ecr_repository." + h,
                    "aws_ecr_repository", file, 3, null, "scan on push is off: " + h), "reason " + h, "input"));
            notices.add(new Notice(new SourcePosition(h + ".yaml", 2), "waiver ECR001 on " + h + " matched no finding"));
            errors.add(new InputError(h + ".bad.json", 1, "unexpected token '" + h + "'"));
        }
        LoadResult inputs = new LoadResult(model.build(), List.of(), errors, loaded);
        Result result = new Result(inputs, findings, waived, List.of(), notices);
        return new Report(result, Severity.ERROR, RuleCatalog.load());
    }

    static String write(Format format) {
        StringWriter text = new StringWriter();
        format.write(report(), new PrintWriter(text));
        return text.toString();
    }
}
