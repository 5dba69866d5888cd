package dev.ecrguard.report;

import dev.ecrguard.waivers.Notice;
import dev.ecrguard.waivers.Waived;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.Json;
import dev.ecrguard.load.Skipped;
import java.io.PrintWriter;

/** The JSON report: findings, skipped files, input errors and a summary. */
public final class JsonReporter {

    private JsonReporter() {}

    private static ObjectNode write(Finding f, ObjectNode node) {
        node.put("ruleId", f.ruleId());
        node.put("severity", f.severity().label());
        node.put("resource", f.resource());
        node.put("resourceType", f.resourceType());
        node.put("file", f.file());
        if (f.line() == null) {
            node.putNull("line");
        } else {
            node.put("line", f.line());
        }
        if (f.constructPath() != null) {
            node.put("constructPath", f.constructPath());
        }
        node.put("message", f.message());
        return node;
    }

    public static void write(Report report, PrintWriter out) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.result().findings()) {
            write(f, findings.addObject());
        }
        ArrayNode waived = root.putArray("waived");
        for (Waived w : report.result().waived()) {
            write(w.finding(), waived.addObject()).put("reason", w.reason()).put("waivedBy", w.source());
        }
        ArrayNode baselined = root.putArray("baselined");
        report.result().baselined().forEach(f -> write(f, baselined.addObject()));
        ArrayNode notices = root.putArray("notices");
        for (Notice n : report.result().notices()) {
            ObjectNode node = notices.addObject().put("file", n.position().file());
            if (n.position().line() != null) {
                node.put("line", n.position().line());
            }
            node.put("message", n.message());
        }
        ArrayNode skipped = root.putArray("skipped");
        for (Skipped s : report.result().inputs().skipped) {
            skipped.addObject().put("file", s.file()).put("reason", s.reason());
        }
        ArrayNode errors = root.putArray("errors");
        for (InputError e : report.result().inputs().errors) {
            ObjectNode node = errors.addObject().put("file", e.file());
            if (e.line() != null) {
                node.put("line", e.line());
            }
            node.put("message", e.getMessage());
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("files", report.result().inputs().loaded.size());
        summary.put("findings", report.result().findings().size());
        report.countsBySeverity().forEach((severity, count) -> summary.put(severity.label(), count));
        summary.put("waived", report.result().waived().size());
        summary.put("baselined", report.result().baselined().size());
        summary.put("skipped", report.result().inputs().skipped.size());
        summary.put("inputErrors", report.result().inputs().errors.size());
        summary.put("failOn", report.failOn().label());
        summary.put("exitCode", report.exitCode());
        Json.printPretty(root, out);
    }
}
