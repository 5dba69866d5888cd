package dev.ecrguard.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
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
            List<Rule> rules = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, new TypeReference<List<Rule>>() {});
            if (rules.isEmpty()) {
                throw new EngineError("the rule catalog " + RESOURCE + " lists no rules");
            }
            return new RuleCatalog(rules);
        } catch (IOException e) {
            throw new EngineError("cannot read the rule catalog: " + e.getMessage());
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    public Optional<Rule> find(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
