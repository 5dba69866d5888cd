package dev.ecrguard.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ecrguard.model.Model;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Evaluates the Rego rules, compiled to wasm and then to JVM bytecode at build time ({@link CompiledPolicy}),
 * in-process.
 *
 * <p>It fails closed: the answer's shape is checked, and so are the list of rules that ran against the catalog and
 * the number of resources the rules received against the number sent. Anything unexpected is an
 * {@link EngineError}, never "no findings".
 */
public final class PolicyEngine {
    static final String ENTRYPOINT = "ecrguard/main/checker_report";

    /**
     * Escaping every non-ASCII character keeps the text OPA parses pure ASCII, as it always was, so names in any
     * script reach the rules exactly as before.
     */
    private static final JsonMapper INPUT_MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private static final List<String> MODEL_LISTS =
            List.of("repositories", "creationTemplates", "registryScanning", "workloads", "conditionallyDeployed");

    private final CompiledPolicy policy;
    private final RuleCatalog catalog;

    private PolicyEngine(CompiledPolicy policy, RuleCatalog catalog) {
        this.policy = policy;
        this.catalog = catalog;
    }

    public static PolicyEngine load(RuleCatalog catalog) {
        return new PolicyEngine(CompiledPolicy.load(ENTRYPOINT), catalog);
    }

    /**
     * Loads the bundled rules on a daemon thread of its own and judges an empty model once, so the classes of the
     * compiled policy are loaded and their compilation under way before the first real model arrives. A check of one
     * small template spends about as long getting the rules ready as reading its input; on two cores the two overlap.
     * What the preparation throws (an {@link EngineError}, an error) completes the future exceptionally.
     *
     * @return the engine, once ready
     */
    public static CompletableFuture<PolicyEngine> prepare() {
        CompletableFuture<PolicyEngine> ready = new CompletableFuture<>();
        Thread preparing = new Thread(() -> {
            try {
                PolicyEngine engine = load(RuleCatalog.load());
                engine.evaluate(Model.empty());
                ready.complete(engine);
            } catch (Throwable e) { // handed to whoever waits for the engine, to be thrown there
                ready.completeExceptionally(e);
            }
        }, "ecr-guard-rules");
        preparing.setDaemon(true);
        preparing.start();
        return ready;
    }

    public RuleCatalog catalog() {
        return catalog;
    }

    /** Judges a model; not thread-safe (one wasm instance). */
    public List<Finding> evaluate(Model model) {
        byte[] json;
        try {
            json = INPUT_MAPPER.writeValueAsBytes(model);
        } catch (JsonProcessingException e) {
            throw new EngineError("cannot serialize the model: " + e.getOriginalMessage());
        }
        Map<String, Integer> sent = Map.of("repositories", model.repositories.size(),
                "creationTemplates", model.creationTemplates.size(),
                "registryScanning", model.registryScanning.size(),
                "workloads", model.workloads.size(),
                "conditionallyDeployed", model.conditionallyDeployed.size());
        return parseAnswer(evaluateBytes(json), sent);
    }

    /** Judges a model given as JSON text. */
    List<Finding> evaluateJson(String modelJson) {
        Map<String, Integer> sent;
        try {
            sent = sizes(INPUT_MAPPER.readTree(modelJson));
        } catch (JsonProcessingException e) {
            throw new EngineError("the model is not JSON: " + e.getOriginalMessage());
        }
        return parseAnswer(evaluateBytes(modelJson.getBytes(StandardCharsets.UTF_8)), sent);
    }

    private String evaluateBytes(byte[] modelJson) {
        try {
            return policy.evaluate(modelJson);
        } catch (EngineError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineError("the policy evaluation failed: " + e.getMessage());
        }
    }

    /** The size of each of the model's lists in a model given as JSON. */
    static Map<String, Integer> sizes(JsonNode model) {
        Map<String, Integer> sizes = new HashMap<>();
        MODEL_LISTS.forEach(list -> sizes.put(list, model.path(list).size()));
        return sizes;
    }

    /** Checks the answer's shape, that every rule of the catalog ran, and that the rules received {@code sent}. */
    List<Finding> parseAnswer(String answer, Map<String, Integer> sent) {
        JsonNode report;
        try {
            JsonNode results = INPUT_MAPPER.readTree(answer);
            if (!results.isArray() || results.size() != 1) {
                throw new EngineError("the policy answered " + results.size() + " results, expected 1: "
                        + CompiledPolicy.brief(answer));
            }
            report = results.get(0).path("result");
        } catch (JsonProcessingException e) {
            throw new EngineError("the policy answered something that is not JSON: " + CompiledPolicy.brief(answer));
        }
        JsonNode findings = report.path("findings");
        JsonNode rules = report.path("rules");
        if (!findings.isArray() || !rules.isArray()) {
            throw new EngineError("the policy answered no findings/rules lists: " + CompiledPolicy.brief(answer));
        }
        for (String list : MODEL_LISTS) {
            if (report.path("received").path(list).asInt(-1) != sent.get(list)) {
                throw new EngineError("the rules received " + report.path("received").path(list) + " " + list
                        + " but " + sent.get(list) + " were sent: the policy did not read the model");
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
                throw new EngineError("the policy answered a malformed finding: "
                        + CompiledPolicy.brief(f.toString()));
            }
            JsonNode location = f.path("location");
            result.add(new Finding(ruleId, Severity.parse(severity), text(f, "resource"), text(f, "resourceType"),
                    text(location, "file"), location.path("line").isInt() ? location.path("line").asInt() : null,
                    text(location, "constructPath"), text(f, "msg")));
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }
}
