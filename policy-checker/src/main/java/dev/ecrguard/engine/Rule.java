package dev.ecrguard.engine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * A rule's metadata, as its METADATA block in rego/ states it (compiled into rules.json).
 *
 * @param shortName the rule's name in one word (SARIF's rule name), e.g. {@code TagsOverwritable}
 * @param recommendedActions what to do, whatever the platform
 * @param fixes how to do it on each platform: every {@link Platform} has a text
 */
public record Rule(String id, String shortName, String title, String description, Severity severity,
        String recommendedActions, Map<Platform, String> fixes, String file) {

    public Rule {
        Map<Platform, String> copy = new EnumMap<>(Platform.class);
        copy.putAll(fixes);
        fixes = Collections.unmodifiableMap(copy);
    }

    /**
     * How to fix this rule's findings on one platform.
     *
     * @param platform where the user writes the fix
     * @return the text, never null (the catalog refuses a rule without one)
     */
    public String fix(Platform platform) {
        return fixes.get(platform);
    }

    /**
     * The anchor of this rule's row in the README's rule table, for links to its documentation.
     *
     * @return the id in lower case, e.g. {@code ecr001}
     */
    public String anchor() {
        return id.toLowerCase(Locale.ROOT);
    }
}
