package dev.ecrguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
            return parse(CompiledPolicy.PlainJson.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new EngineError("cannot read the rule catalog: " + e.getMessage());
        }
    }

    /** The catalog that {@code entries} (rules.json's content) lists; every rule must say how to fix it everywhere. */
    static RuleCatalog parse(JsonNode entries) {
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new EngineError("the rule catalog " + RESOURCE + " lists no rules");
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode entry : entries) {
            Map<Platform, String> fixes = new EnumMap<>(Platform.class);
            for (Platform platform : Platform.values()) {
                fixes.put(platform, text(entry.path("fix"), platform.key(), "fix." + platform.key(), entry));
            }
            rules.add(new Rule(text(entry, "id"), text(entry, "shortName"), text(entry, "title"), text(entry, "description"),
                    severity(entry), text(entry, "recommendedActions"), fixes, text(entry, "file")));
        }
        return new RuleCatalog(rules);
    }

    private static String text(JsonNode entry, String field) {
        return text(entry, field, field, entry);
    }

    private static String text(JsonNode node, String field, String name, JsonNode entry) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new EngineError("the rule catalog " + RESOURCE + " has an entry without a text " + name + ": "
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

    /**
     * How to fix a rule's findings on one platform.
     *
     * @param id a rule id of this catalog (every finding's rule is one: the engine checks it)
     * @param platform where the user writes the fix
     * @return the rule's text for that platform
     * @throws EngineError when the catalog has no such rule
     */
    public String fix(String id, Platform platform) {
        return find(id).orElseThrow(() -> new EngineError("the rule catalog has no rule " + id)).fix(platform);
    }
}
