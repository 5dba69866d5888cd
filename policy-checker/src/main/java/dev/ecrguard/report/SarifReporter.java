package dev.ecrguard.report;

import dev.ecrguard.waivers.Waived;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.Platform;
import dev.ecrguard.engine.Rule;
import dev.ecrguard.engine.Severity;
import dev.ecrguard.load.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: the tool driver lists every rule; each result has
 * its rule, level, message, file and line (relative to the working directory), the resource as a logical location,
 * and a fingerprint made from the rule and the resource id, so a result keeps its identity when lines move.
 * Waived findings are results with a suppression.
 */
public final class SarifReporter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT = "ecrGuardRuleResource/v1";
    private static final String HEX = "0123456789ABCDEF";

    private SarifReporter() {}

    public static void write(Report report, PrintWriter out) {
        ObjectNode log = JsonNodeFactory.instance.objectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "ecr-guard");
        driver.put("version", Version.current());
        driver.put("informationUri", Version.PROJECT_URL);
        List<Rule> rules = report.rules().rules();
        ArrayNode ruleNodes = driver.putArray("rules");
        for (Rule rule : rules) {
            ObjectNode node = ruleNodes.addObject();
            node.put("id", rule.id());
            node.put("name", rule.shortName());
            node.putObject("shortDescription").put("text", rule.title());
            node.putObject("fullDescription").put("text", rule.description());
            StringBuilder text = new StringBuilder(rule.recommendedActions());
            StringBuilder markdown = new StringBuilder("**Fix:** " + rule.recommendedActions() + "\n");
            for (Platform platform : Platform.values()) {
                text.append(' ').append(platform.label()).append(": ").append(rule.fix(platform));
                markdown.append("\n- **").append(platform.label()).append(":** ").append(rule.fix(platform));
            }
            node.putObject("help").put("text", text.toString()).put("markdown", markdown.toString());
            node.put("helpUri", helpUri(rule));
            node.putObject("defaultConfiguration").put("level", level(rule.severity()));
        }
        run.putObject("originalUriBaseIds").putObject("SRCROOT").put("uri", Path.of("").toAbsolutePath().toUri().toString());
        ArrayNode results = run.putArray("results");
        for (Finding f : report.result().findings()) {
            result(results.addObject(), f, rules);
        }
        for (Waived w : report.result().waived()) {
            ObjectNode suppression = result(results.addObject(), w.finding(), rules).putArray("suppressions").addObject();
            suppression.put("kind", w.inSource() ? "inSource" : "external");
            suppression.put("justification", w.reason());
        }
        ArrayNode notifications = run.putArray("invocations").addObject()
                .put("executionSuccessful", report.result().inputs().errors.isEmpty())
                .putArray("toolExecutionNotifications");
        report.result().inputs().errors.forEach(e -> {
            ObjectNode n = notifications.addObject().put("level", "error");
            n.putObject("message").put("text", e.oneLine());
        });
        report.result().notices().forEach(notice -> {
            ObjectNode n = notifications.addObject().put("level", "warning");
            n.putObject("message").put("text", notice.position() + ": " + notice.message());
        });
        Json.printPretty(log, out);
    }

    private static ObjectNode result(ObjectNode node, Finding f, List<Rule> rules) {
        node.put("ruleId", f.ruleId());
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(f.ruleId())) {
                node.put("ruleIndex", i);
            }
        }
        node.put("level", level(f.severity()));
        node.putObject("message").put("text", f.message());
        ObjectNode location = node.putArray("locations").addObject();
        if (f.file() != null && !f.file().equals("-")) {
            ObjectNode physical = location.putObject("physicalLocation");
            artifactLocation(physical.putObject("artifactLocation"), f.file());
            if (f.line() != null && f.line() > 0) {
                physical.putObject("region").put("startLine", f.line());
            }
        }
        ObjectNode logical = location.putArray("logicalLocations").addObject();
        logical.put("name", f.resource());
        logical.put("fullyQualifiedName", f.constructPath() != null ? f.constructPath() : f.resource());
        logical.put("kind", "resource");
        node.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(f));
        node.putObject("properties").put("resourceType", f.resourceType());
        return node;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE, NEVER -> "note";
        };
    }

    /**
     * A file under the working directory as a URI relative to {@code SRCROOT} (what code scanning maps onto the
     * repository); any other file as an absolute {@code file:} URI. Each path segment is percent-encoded on its own
     * (UTF-8, everything but unreserved characters), so a {@code \} in a Linux file name stays part of the name
     * ({@code %5C}) instead of becoming a separator, and {@code #}, {@code ?}, {@code %} and {@code :} cannot turn
     * into a fragment, a query, an escape or a scheme.
     */
    static void artifactLocation(ObjectNode node, String file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (!path.startsWith(cwd)) {
            node.put("uri", path.getRoot().toUri().toASCIIString() + encodeSegments(path));
            return;
        }
        node.put("uri", encodeSegments(cwd.relativize(path)));
        node.put("uriBaseId", "SRCROOT");
    }

    private static String encodeSegments(Path path) {
        StringJoiner uri = new StringJoiner("/");
        for (Path segment : path) {
            uri.add(percentEncode(segment.toString()));
        }
        return uri.toString();
    }

    private static String percentEncode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
            }
        }
        return out.toString();
    }

    /** Stable across commits: the rule and the resource id, not the line. */
    static String fingerprint(Finding f) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((f.ruleId() + "\u0000" + f.resource()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rule's row in the README's rule table (a test checks that every rule's anchor is there). */
    static String helpUri(Rule rule) {
        return Version.PROJECT_URL + "#" + rule.anchor();
    }
}
