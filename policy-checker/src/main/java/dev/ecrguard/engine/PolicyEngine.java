package dev.ecrguard.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.model.Model;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Evaluates the Rego rules, compiled to wasm and then to JVM bytecode at build time ({@link CompiledPolicy}),
 * in-process.
 *
 * <p>It asks for every rule in one evaluation, or for one rule per evaluation on a large model, and fails closed on
 * each answer: its shape, the rules of the policy against the catalog, the rules read against the rules asked for,
 * each finding's rule, and the number of resources the rules received against the number sent. Anything unexpected
 * is an {@link EngineError}, never "no findings".
 */
public final class PolicyEngine {
    static final String ENTRYPOINT = "ecrguard/main/checker_report";

    private static final List<String> MODEL_LISTS =
            List.of("repositories", "creationTemplates", "registryScanning", "workloads", "conditionallyDeployed");

    /**
     * From this size of serialized model on, a second wasm instance on a thread of its own takes rules too: below
     * it, the whole evaluation takes less than the thread hand-off and the second instance's own input parse.
     */
    static final int SHARED_FROM_BYTES = 256 * 1024;
    private static final boolean SEVERAL_CORES = Runtime.getRuntime().availableProcessors() > 1;

    private final CompiledPolicy policy;
    private final RuleCatalog catalog;
    /** The second instance and its thread, made for the first model large enough to share. */
    private Helper helper;

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
                // The module first: parsing it needs no Jackson, whose first mapper (tens of milliseconds of locale
                // and date classes) the caller's thread makes meanwhile to read its inputs.
                CompiledPolicy policy = CompiledPolicy.load(ENTRYPOINT);
                PolicyEngine engine = new PolicyEngine(policy, RuleCatalog.load());
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

    /** Judges a model; not thread-safe (one evaluation at a time). */
    public List<Finding> evaluate(Model model) {
        byte[] json;
        try {
            json = ModelJson.MAPPER.writeValueAsBytes(model);
        } catch (JsonProcessingException e) {
            throw new EngineError("cannot serialize the model: " + e.getOriginalMessage());
        }
        Map<String, Integer> sent = Map.of("repositories", model.repositories.size(),
                "creationTemplates", model.creationTemplates.size(),
                "registryScanning", model.registryScanning.size(),
                "workloads", model.workloads.size(),
                "conditionallyDeployed", model.conditionallyDeployed.size());
        return judge(json, sent, SEVERAL_CORES && json.length >= SHARED_FROM_BYTES);
    }

    /** Judges a model given as JSON text, on one instance or, when {@code shared}, on two. */
    List<Finding> evaluateJson(String modelJson, boolean shared) {
        Map<String, Integer> sent;
        try {
            sent = sizes(ModelJson.MAPPER.readTree(modelJson));
        } catch (JsonProcessingException e) {
            throw new EngineError("the model is not JSON: " + e.getOriginalMessage());
        }
        return judge(modelJson.getBytes(StandardCharsets.UTF_8), sent, shared);
    }

    /** Judges a model given as JSON text. */
    List<Finding> evaluateJson(String modelJson) {
        return evaluateJson(modelJson, false);
    }

    /**
     * Evaluates every rule of the catalog on the model: in one evaluation, or, when {@code shared}, one rule per
     * evaluation, which two instances take from one queue, so a rule with many findings does not hold the others back.
     * Each answer is checked on its own.
     */
    private List<Finding> judge(byte[] modelJson, Map<String, Integer> sent, boolean shared) {
        List<Selection> selections = shared
                ? catalog.rules().stream().map(rule -> Selection.of(rule.id())).toList()
                : List.of(Selection.every(catalog));
        Queue<Selection> pending = new ConcurrentLinkedQueue<>(selections);
        Map<Selection, List<Finding>> answers = new ConcurrentHashMap<>();
        if (shared && helper == null) {
            helper = new Helper();
        }
        Helper helping = shared ? helper : null;
        Future<?> helped = shared
                ? helping.thread.submit(() -> judgeRules(helping.instance(), modelJson, pending, answers, sent)) : null;
        try {
            judgeRules(policy, modelJson, pending, answers, sent);
        } catch (RuntimeException | Error e) {
            if (helped != null) {
                pending.clear();
                awaitQuietly(helped); // the next evaluation needs the helper's instance free
            }
            throw e;
        }
        if (helped != null) {
            awaitHelper(helped);
        }
        Set<Finding> findings = new LinkedHashSet<>();
        // The rules answer arrays, not sets (see main.rego): a finding found twice is reported once, as a set holds it.
        for (Selection selection : selections) {
            List<Finding> found = answers.get(selection);
            if (found == null) {
                throw new EngineError("rules " + selection.ruleIds() + " were not evaluated");
            }
            findings.addAll(found);
        }
        return List.copyOf(findings);
    }

    private void judgeRules(CompiledPolicy instance, byte[] modelJson, Queue<Selection> pending,
            Map<Selection, List<Finding>> answers, Map<String, Integer> sent) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            instance.setInput(modelJson);
            for (Selection selection = pending.poll(); selection != null; selection = pending.poll()) {
                byte[] data = selection.data();
                answers.put(selection, parseAnswer(instance.evaluate(data), selection.ruleIds(), sent));
            }
        } catch (EngineError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineError("the policy evaluation failed: " + e.getMessage());
        }
    }

    /**
     * What one evaluation asks for: one rule ({@code data.ecrguard_checker.rule}), or every rule (no data).
     *
     * @param ruleId the one rule, or null for every rule
     * @param ruleIds the rules the answer must hold
     */
    private record Selection(String ruleId, Set<String> ruleIds) {
        static Selection of(String ruleId) {
            return new Selection(ruleId, Set.of(ruleId));
        }

        static Selection every(RuleCatalog catalog) {
            Set<String> ids = new TreeSet<>();
            catalog.rules().forEach(rule -> ids.add(rule.id()));
            return new Selection(null, ids);
        }

        /** The data document of the evaluation. */
        byte[] data() {
            ObjectNode data = ModelJson.MAPPER.createObjectNode();
            if (ruleId != null) {
                data.putObject("ecrguard_checker").put("rule", ruleId);
            }
            try {
                return ModelJson.MAPPER.writeValueAsBytes(data);
            } catch (JsonProcessingException e) {
                throw new EngineError("cannot serialize the rule selection: " + e.getOriginalMessage());
            }
        }
    }

    /**
     * The second instance, used only on its own thread, which makes it on first use. After an interruption the engine
     * drops it, in case its last evaluation is still running, and makes another.
     */
    private static final class Helper {
        final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread helping = new Thread(task, "ecr-guard-rules-helper");
            helping.setDaemon(true);
            return helping;
        });
        private CompiledPolicy instance;

        CompiledPolicy instance() {
            if (instance == null) {
                instance = CompiledPolicy.load(ENTRYPOINT);
            }
            return instance;
        }
    }

    private void awaitHelper(Future<?> helped) {
        try {
            helped.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EngineError error) {
                throw error;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new EngineError("the policy evaluation failed: " + e.getCause());
        } catch (InterruptedException e) {
            dropHelper();
            Thread.currentThread().interrupt();
            throw new EngineError("the policy evaluation was interrupted");
        }
    }

    private void awaitQuietly(Future<?> helped) {
        try {
            helped.get();
        } catch (ExecutionException e) {
            // the first error is the one reported
        } catch (InterruptedException e) {
            dropHelper();
            Thread.currentThread().interrupt();
        }
    }

    private void dropHelper() {
        helper.thread.shutdownNow();
        helper = null;
    }

    /** The size of each of the model's lists in a model given as JSON. */
    static Map<String, Integer> sizes(JsonNode model) {
        Map<String, Integer> sizes = new HashMap<>();
        MODEL_LISTS.forEach(list -> sizes.put(list, model.path(list).size()));
        return sizes;
    }

    /**
     * Checks one answer: its shape, that the rules are those of the catalog, that the rules read are the rules asked
     * for, that every finding is one of theirs, and that the rules received {@code sent}.
     */
    List<Finding> parseAnswer(String answer, Set<String> asked, Map<String, Integer> sent) {
        JsonNode report;
        try {
            JsonNode results = ModelJson.MAPPER.readTree(answer);
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
        JsonNode checked = report.path("checked");
        if (!findings.isArray() || !rules.isArray() || !checked.isArray()) {
            throw new EngineError("the policy answered no findings/rules/checked lists: "
                    + CompiledPolicy.brief(answer));
        }
        for (String list : MODEL_LISTS) {
            if (report.path("received").path(list).asInt(-1) != sent.get(list)) {
                throw new EngineError("the rules received " + report.path("received").path(list) + " " + list
                        + " but " + sent.get(list) + " were sent: the policy did not read the model");
            }
        }
        Set<String> present = new TreeSet<>();
        rules.forEach(r -> present.add(r.asText()));
        Set<String> expected = new TreeSet<>();
        catalog.rules().forEach(r -> expected.add(r.id()));
        if (!present.equals(expected)) {
            throw new EngineError("the rules of the policy " + present + " are not the rules of the catalog "
                    + expected);
        }
        Set<String> read = new TreeSet<>();
        checked.forEach(r -> read.add(r.asText()));
        if (read.size() != checked.size() || !read.equals(asked)) {
            throw new EngineError("asked for rules " + new TreeSet<>(asked) + ", the policy read " + checked
                    + ": a rule package without findings, or two packages with one id");
        }
        List<Finding> result = new ArrayList<>();
        Set<String> severities = new HashSet<>(List.of("error", "warning", "note"));
        for (JsonNode f : findings) {
            String ruleId = text(f, "ruleId");
            String severity = text(f, "severity");
            if (ruleId == null || !asked.contains(ruleId) || severity == null || !severities.contains(severity)
                    || text(f, "resource") == null || text(f, "msg") == null) {
                throw new EngineError("the policy answered a malformed finding for rules " + new TreeSet<>(asked) + ": "
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

    /**
     * The mapper of the model and the answers, made on first use: building a Jackson mapper loads locale and date
     * classes (tens of milliseconds), which {@link #prepare()} then spends on its own thread instead of the caller's.
     */
    private static final class ModelJson {
        /**
         * Escaping every non-ASCII character keeps the text OPA parses pure ASCII, as it always was, so names in any
         * script reach the rules exactly as before.
         */
        static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    }
}
