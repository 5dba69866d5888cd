package dev.ecrguard.waivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.load.DocumentReader;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The findings an existing estate already has, matched by rule, resource id and file (never by line, so moving lines
 * keeps them), so that a check reports only what is new: {@code ecr-guard baseline PATH... > baseline.json}, then
 * {@code check --baseline}. Each entry records its file, as the same id can be in several root modules or stacks
 * ({@code dev/} and {@code prod/}); an entry without a file (baselines written before files were recorded) matches
 * that rule and id in any file. Terraform source and a plan of it carry over: an entry from a {@code .tf} file
 * matches the same rule and address in a plan or state JSON file of a folder that holds the {@code .tf} file, and
 * the other way round.
 */
public final class Baseline {
    static final String MARKER = "ecrGuardBaseline";
    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::ruleId).thenComparing(Entry::resource)
            .thenComparing(e -> e.file() == null ? "" : e.file());

    /** One accepted finding; {@code file} is null for "in any file". */
    private record Entry(String ruleId, String resource, String file) {
        boolean matches(Finding f) {
            if (!ruleId.equals(f.ruleId()) || !resource.equals(f.resource())) {
                return false;
            }
            String found = f.file() == null ? null : FileNames.normalize(f.file());
            return file == null || found != null && (file.equals(found) || FileNames.sourceAndItsPlan(file, found));
        }
    }

    /** The entries by rule and resource id, so that a check with a large baseline stays linear. */
    private final Map<List<String>, List<Entry>> byRuleAndResource = new HashMap<>();

    private Baseline(List<Entry> entries) {
        for (Entry e : entries) {
            byRuleAndResource.computeIfAbsent(List.of(e.ruleId(), e.resource()), k -> new ArrayList<>()).add(e);
        }
    }

    /**
     * Whether the baseline holds a finding, by rule and resource id (never by line).
     *
     * @param f a finding
     * @return true when the baseline already holds it
     */
    public boolean contains(Finding f) {
        return byRuleAndResource.getOrDefault(List.of(f.ruleId(), f.resource()), List.of()).stream()
                .anyMatch(e -> e.matches(f));
    }

    /**
     * The baseline document for these findings: sorted, without lines, stable across runs.
     *
     * @param findings the findings to accept
     * @return the baseline as JSON
     */
    public static String write(List<Finding> findings) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put(MARKER, 1);
        ArrayNode list = root.putArray("findings");
        Set<Entry> entries = new TreeSet<>(ORDER);
        // Standard input has no name to match next time: its findings are recorded for any file.
        findings.forEach(f -> entries.add(new Entry(f.ruleId(), f.resource(),
                f.file() == null || f.file().equals("-") ? null : FileNames.normalize(f.file()))));
        for (Entry e : entries) {
            ObjectNode node = list.addObject().put("ruleId", e.ruleId()).put("resource", e.resource());
            if (e.file() != null) {
                node.put("file", e.file());
            }
        }
        return Json.pretty(root);
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
        List<Entry> entries = new ArrayList<>();
        for (JsonNode f : root.path("findings")) {
            if (!f.path("ruleId").isTextual() || !f.path("resource").isTextual()) {
                throw new InputError(file, "every baseline entry needs a ruleId and a resource");
            }
            if (f.has("file") && !f.path("file").isTextual()) {
                throw new InputError(file, "a baseline entry's file is a string");
            }
            entries.add(new Entry(f.path("ruleId").asText(), f.path("resource").asText(),
                    f.has("file") ? FileNames.normalize(f.path("file").asText()) : null));
        }
        return new Baseline(entries);
    }
}
