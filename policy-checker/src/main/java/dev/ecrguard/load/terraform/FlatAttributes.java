package dev.ecrguard.load.terraform;

import dev.ecrguard.load.InputError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the flat attributes of old Terraform states ({@code "image_scanning_configuration.0.scan_on_push": "true"},
 * with {@code NAME.#} counting a list or set and {@code NAME.%} a map) back into the nested shape that plans and
 * version 4 states use, so one reader judges both. Values stay strings, as the flat form writes them.
 */
final class FlatAttributes {
    private FlatAttributes() {}

    static ObjectNode unflatten(JsonNode flat, String file, Integer line) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        Set<ObjectNode> lists = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, JsonNode> entry : flat.properties()) {
            String key = entry.getKey();
            if (key.endsWith(".#") || key.endsWith(".%")) {
                continue;
            }
            if (!entry.getValue().isTextual()) {
                throw new InputError(file, line, "flat attribute " + key + " should be a string");
            }
            put(root, key, entry.getValue().asText(), flat, lists, file, line);
        }
        return (ObjectNode) finish(root, lists);
    }

    private static void put(ObjectNode root, String key, String value, JsonNode flat, Set<ObjectNode> lists,
            String file, Integer line) {
        ObjectNode current = root;
        String prefix = "";
        String rest = key;
        while (true) {
            int dot = rest.indexOf('.');
            String segment = dot < 0 ? rest : rest.substring(0, dot);
            String path = prefix.isEmpty() ? segment : prefix + "." + segment;
            if (dot < 0) {
                set(current, segment, value, key, file, line);
                return;
            }
            rest = rest.substring(dot + 1);
            if (flat.has(path + ".%")) { // a map: the rest of the key is the map key, dots and all
                set(child(current, segment, key, file, line), rest, value, key, file, line);
                return;
            }
            ObjectNode next = child(current, segment, key, file, line);
            if (flat.has(path + ".#")) { // a list or set: the next segment is an index or a set hash
                lists.add(next);
                int end = rest.indexOf('.');
                String element = end < 0 ? rest : rest.substring(0, end);
                if (end < 0) {
                    set(next, element, value, key, file, line);
                    return;
                }
                next = child(next, element, key, file, line);
                path = path + "." + element;
                rest = rest.substring(end + 1);
            }
            current = next;
            prefix = path;
        }
    }

    private static ObjectNode child(ObjectNode parent, String name, String key, String file, Integer line) {
        JsonNode existing = parent.get(name);
        if (existing == null) {
            return parent.putObject(name);
        }
        if (!existing.isObject()) {
            throw new InputError(file, line, "flat attribute " + key + " conflicts with another attribute");
        }
        return (ObjectNode) existing;
    }

    private static void set(ObjectNode parent, String name, String value, String key, String file, Integer line) {
        if (parent.has(name)) {
            throw new InputError(file, line, "flat attribute " + key + " conflicts with another attribute");
        }
        parent.put(name, value);
    }

    /** Replaces each list (built as an object keyed by index) with an array in index order. */
    private static JsonNode finish(JsonNode node, Set<ObjectNode> lists) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode object = (ObjectNode) node;
        if (lists.contains(object)) {
            List<Map.Entry<String, JsonNode>> elements = new ArrayList<>(object.properties());
            if (elements.stream().allMatch(e -> e.getKey().matches("\\d{1,9}"))) {
                elements.sort((a, b) -> Integer.compare(Integer.parseInt(a.getKey()), Integer.parseInt(b.getKey())));
            }
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            elements.forEach(e -> array.add(finish(e.getValue(), lists)));
            return array;
        }
        object.properties().forEach(e -> e.setValue(finish(e.getValue(), lists)));
        return object;
    }
}
