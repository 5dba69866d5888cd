package dev.ecrguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rules compiled into the bundle, from {@code rules.json} (generated from the METADATA blocks by rego/build.sh). */
public final class RuleCatalog {
    static final String RESOURCE = "/dev/ecrguard/policy/rules.json";

    private final List<Rule> rules;

    private RuleCatalog(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static RuleCatalog load() {
        try (InputStream in = RuleCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new EngineError("the rule catalog " + RESOURCE + " is missing from the classpath");
            }
            // Read as a tree: binding to records costs about 0.2 s of reflection at every start.
            JsonNode entries = new JsonMapper().readTree(in);
            if (entries == null || !entries.isArray() || entries.isEmpty()) {
                throw new EngineError("the rule catalog " + RESOURCE + " lists no rules");
            }
            List<Rule> rules = new ArrayList<>();
            for (JsonNode entry : entries) {
                rules.add(new Rule(text(entry, "id"), text(entry, "title"), text(entry, "description"),
                        severity(entry), text(entry, "recommendedActions"), text(entry, "file")));
            }
            return new RuleCatalog(rules);
        } catch (IOException e) {
            throw new EngineError("cannot read the rule catalog: " + e.getMessage());
        }
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual()) {
            throw new EngineError("the rule catalog " + RESOURCE + " has an entry without a text " + field + ": "
                    + CompiledPolicy.brief(entry.toString()));
        }
        return value.asText();
    }

    private static Severity severity(JsonNode entry) {
        String label = text(entry, "severity");
        for (Severity severity : Severity.values()) {
            if (severity != Severity.NEVER && severity.label().equals(label)) {
                return severity;
            }
        }
        throw new EngineError("the rule catalog " + RESOURCE + " gives an entry the severity '" + label + "'");
    }

    public List<Rule> rules() {
        return rules;
    }

    public Optional<Rule> find(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
