package dev.ecrguard.waivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.load.DocumentReader;
import dev.ecrguard.load.InputError;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The findings an existing estate already has, matched by rule and resource id (never by line), so that a check
 * reports only what is new: {@code ecr-guard baseline PATH... > baseline.json}, then {@code check --baseline}.
 */
public final class Baseline {
    static final String MARKER = "ecrGuardBaseline";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Set<String> keys;

    private Baseline(Set<String> keys) {
        this.keys = keys;
    }

    /**
     * Whether the baseline holds a finding, by rule and resource id (never by line).
     *
     * @param f a finding
     * @return true when the baseline already holds it
     */
    public boolean contains(Finding f) {
        return keys.contains(key(f.ruleId(), f.resource()));
    }

    /**
     * The baseline document for these findings: sorted, without lines, stable across runs.
     *
     * @param findings the findings to accept
     * @return the baseline as JSON
     */
    public static String write(List<Finding> findings) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put(MARKER, 1);
        ArrayNode list = root.putArray("findings");
        Set<String> seen = new TreeSet<>();
        findings.forEach(f -> seen.add(key(f.ruleId(), f.resource())));
        for (String key : seen) {
            int cut = key.indexOf('\u0000');
            list.addObject().put("ruleId", key.substring(0, cut)).put("resource", key.substring(cut + 1));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a baseline that {@code ecr-guard baseline} wrote.
     *
     * @param path the file to read
     * @param file the file's name in messages
     * @return the baseline
     * @throws dev.ecrguard.load.InputError when the file is not a baseline
     */
    public static Baseline load(Path path, String file) {
        JsonNode root = DocumentReader.read(path, file).tree().root();
        if (root.path(MARKER).asInt(0) != 1 || !root.path("findings").isArray()) {
            throw new InputError(file, "not an ecr-guard baseline (make one with: ecr-guard baseline PATH... > "
                    + "baseline.json)");
        }
        Set<String> keys = new TreeSet<>();
        for (JsonNode f : root.path("findings")) {
            if (!f.path("ruleId").isTextual() || !f.path("resource").isTextual()) {
                throw new InputError(file, "every baseline entry needs a ruleId and a resource");
            }
            keys.add(key(f.path("ruleId").asText(), f.path("resource").asText()));
        }
        return new Baseline(keys);
    }

    private static String key(String rule, String resource) {
        return rule + '\u0000' + resource;
    }
}
