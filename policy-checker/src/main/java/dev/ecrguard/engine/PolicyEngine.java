package dev.ecrguard.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.styra.opa.wasm.OpaPolicy;
import dev.ecrguard.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates the compiled Rego rules (the wasm bundle) on a model, in-process.
 *
 * <p>It fails closed: the wasm SDK answers a default result, without an error, to input it could not parse, so the
 * answer's shape is checked, and so is the list of rules that ran against the catalog. Anything unexpected is an
 * {@link EngineError}, never "no findings".
 */
public final class PolicyEngine {
    static final String BUNDLE = "/dev/ecrguard/policy/policy.wasm";
    static final String ENTRYPOINT = "ecrguard/main/report";

    /**
     * The SDK copies input into wasm memory counting characters, not bytes; escaping every non-ASCII character keeps
     * the two equal, so names in any script reach the rules intact.
     */
    private static final JsonMapper INPUT_MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private static final List<String> MODEL_LISTS =
            List.of("repositories", "creationTemplates", "registryScanning", "workloads");

    private final OpaPolicy policy;
    private final RuleCatalog catalog;

    private PolicyEngine(OpaPolicy policy, RuleCatalog catalog) {
        this.policy = policy;
        this.catalog = catalog;
    }

    public static PolicyEngine load(RuleCatalog catalog) {
        try (InputStream wasm = PolicyEngine.class.getResourceAsStream(BUNDLE)) {
            if (wasm == null) {
                throw new EngineError("the policy bundle " + BUNDLE + " is missing from the classpath");
            }
            OpaPolicy policy = OpaPolicy.builder().withPolicy(wasm.readAllBytes()).build();
            policy.entrypoint(ENTRYPOINT);
            return new PolicyEngine(policy, catalog);
        } catch (IOException e) {
            throw new EngineError("cannot read the policy bundle: " + e.getMessage());
        }
    }

    public RuleCatalog catalog() {
        return catalog;
    }

    /** Judges a model; not thread-safe (one wasm instance). */
    public List<Finding> evaluate(Model model) {
        try {
            return evaluateJson(INPUT_MAPPER.writeValueAsString(model));
        } catch (JsonProcessingException e) {
            throw new EngineError("cannot serialize the model: " + e.getOriginalMessage());
        }
    }

    /** Judges a model given as JSON text (pure ASCII). */
    List<Finding> evaluateJson(String modelJson) {
        JsonNode sent;
        try {
            sent = INPUT_MAPPER.readTree(modelJson);
        } catch (JsonProcessingException e) {
            throw new EngineError("the model is not JSON: " + e.getOriginalMessage());
        }
        String answer;
        try {
            answer = policy.evaluate(modelJson);
        } catch (RuntimeException e) {
            throw new EngineError("the policy evaluation failed: " + e.getMessage());
        }
        return parseAnswer(answer, sent);
    }

    /** Checks the answer's shape, that every rule of the catalog ran, and that the rules received {@code sent}. */
    List<Finding> parseAnswer(String answer, JsonNode sent) {
        JsonNode report;
        try {
            JsonNode results = INPUT_MAPPER.readTree(answer);
            if (!results.isArray() || results.size() != 1) {
                throw new EngineError("the policy answered " + results.size() + " results, expected 1: " + brief(answer));
            }
            report = results.get(0).path("result");
        } catch (JsonProcessingException e) {
            throw new EngineError("the policy answered something that is not JSON: " + brief(answer));
        }
        JsonNode findings = report.path("findings");
        JsonNode rules = report.path("rules");
        if (!findings.isArray() || !rules.isArray()) {
            throw new EngineError("the policy answered no findings/rules lists: " + brief(answer));
        }
        for (String list : MODEL_LISTS) {
            if (report.path("received").path(list).asInt(-1) != sent.path(list).size()) {
                throw new EngineError("the rules received " + report.path("received").path(list) + " " + list
                        + " but " + sent.path(list).size() + " were sent: the wasm SDK did not read the model");
            }
        }
        Set<String> ran = new TreeSet<>();
        rules.forEach(r -> ran.add(r.asText()));
        Set<String> expected = new TreeSet<>();
        catalog.rules().forEach(r -> expected.add(r.id()));
        if (!ran.equals(expected)) {
            throw new EngineError("the rules that ran " + ran + " are not the rules of the catalog " + expected);
        }
        List<Finding> result = new ArrayList<>();
        Set<String> severities = new HashSet<>(List.of("error", "warning", "note"));
        for (JsonNode f : findings) {
            String ruleId = text(f, "ruleId");
            String severity = text(f, "severity");
            if (ruleId == null || !expected.contains(ruleId) || severity == null || !severities.contains(severity)
                    || text(f, "resource") == null || text(f, "msg") == null) {
                throw new EngineError("the policy answered a malformed finding: " + brief(f.toString()));
            }
            JsonNode location = f.path("location");
            result.add(new Finding(ruleId, severity, text(f, "resource"), text(f, "resourceType"),
                    text(location, "file"), location.path("line").isInt() ? location.path("line").asInt() : null,
                    text(location, "constructPath"), text(f, "msg")));
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static String brief(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
