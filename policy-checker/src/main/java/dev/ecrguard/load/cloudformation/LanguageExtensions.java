package dev.ecrguard.load.cloudformation;

import dev.ecrguard.load.Document;
import dev.ecrguard.load.InputError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands {@code Fn::ForEach} (the {@code AWS::LanguageExtensions} transform) in a template's {@code Resources} and
 * {@code Conditions}, as CloudFormation does before deploy: each value of the collection (a literal list, a list
 * parameter from {@code --parameter} or its {@code Default}, a {@code Fn::FindInMap}) makes a copy of the loop's body
 * with {@code ${Identifier}} and {@code &{Identifier}} (non-alphanumerics removed) replaced in keys and
 * {@code Fn::Sub} strings and {@code Ref: Identifier} replaced by the value. Loops nest.
 *
 * <p>A loop whose collection is only known at deploy cannot be expanded; it is reported as {@link Unexpanded} when its
 * body makes ECR repositories, so that they are judged (ECR004) rather than ignored. The transform is applied whether
 * or not the template declares it: without it CloudFormation rejects the template, so expanding hides nothing.
 */
final class LanguageExtensions {
    private static final String FOR_EACH = "Fn::ForEach::";
    private static final Pattern LOOP_NAME = Pattern.compile("Fn::ForEach::[A-Za-z0-9]+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^0-9A-Za-z]+");
    /** Ten times the resources CloudFormation accepts in one template: bounds memory on a hostile nest of loops. */
    private static final int MAX_EXPANDED_ENTRIES = 5_000;
    private static final List<String> REPOSITORY_TYPES =
            List.of("AWS::ECR::Repository", "AWS::ECR::RepositoryCreationTemplate");

    /** A loop of {@code Resources} that makes repositories but cannot be expanded before deploy, and why. */
    record Unexpanded(String loop, String type, String why, JsonNode node) {}

    /**
     * The template with its loops expanded.
     *
     * @param origins the template node each expanded node was copied from, to find its line
     */
    record Expanded(JsonNode root, List<Unexpanded> unexpanded, Map<JsonNode, JsonNode> origins) {
        /** The node of the file that {@code node} was copied from (itself when it was not copied). */
        JsonNode origin(JsonNode node) {
            return origins.getOrDefault(node, node);
        }
    }

    private final Document doc;
    private final CloudFormationResolver resolver;
    private final List<Unexpanded> unexpanded = new ArrayList<>();
    private final Map<JsonNode, JsonNode> origins = new IdentityHashMap<>();
    private int expandedEntries;

    private LanguageExtensions(Document doc, CloudFormationResolver resolver) {
        this.doc = doc;
        this.resolver = resolver;
    }

    /**
     * @param resolver resolves a loop's collection (parameters, mappings) in the unexpanded template
     */
    static Expanded expand(Document doc, CloudFormationResolver resolver) {
        JsonNode root = doc.tree().root();
        if (!hasLoop(root.path("Resources")) && !hasLoop(root.path("Conditions"))) {
            return new Expanded(root, List.of(), Map.of());
        }
        LanguageExtensions expansion = new LanguageExtensions(doc, resolver);
        ObjectNode expanded = ((ObjectNode) root).deepCopy();
        for (String section : List.of("Resources", "Conditions")) {
            JsonNode original = root.get(section);
            if (original != null && original.isObject()) {
                expanded.set(section, expansion.walk(original, Map.of(), section.equals("Resources")));
            }
        }
        return new Expanded(expanded, expansion.unexpanded, expansion.origins);
    }

    private static boolean hasLoop(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().startsWith(FOR_EACH) || hasLoop(e.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (hasLoop(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A copy of {@code node} with its loops expanded and the identifiers in {@code values} replaced.
     *
     * @param resourcesLevel whether the keys of {@code node} are logical ids of resources
     */
    private JsonNode walk(JsonNode node, Map<String, String> values, boolean resourcesLevel) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(walk(item, values, false)));
            origins.put(out, node);
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1 && node.has("Ref") && node.get("Ref").isTextual()
                && values.containsKey(node.get("Ref").asText())) {
            return TextNode.valueOf(values.get(node.get("Ref").asText()));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        origins.put(out, node);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.startsWith(FOR_EACH)) {
                expandLoop(key, value, values, resourcesLevel, out);
            } else if (key.equals("Fn::Sub") && node.size() == 1) {
                JsonNode replaced = sub(value, values);
                // a string left with no variable is that string (a loop's Condition: !Sub "Is${Name}" names a condition)
                if (replaced.isTextual() && !replaced.asText().contains("${")) {
                    return replaced;
                }
                out.set(key, replaced);
            } else {
                out.set(replace(key, values), walk(value, values, false));
            }
        }
        return out;
    }

    private JsonNode sub(JsonNode arg, Map<String, String> values) {
        if (arg.isTextual()) {
            return TextNode.valueOf(replace(arg.asText(), values));
        }
        if (arg.isArray() && arg.size() >= 1 && arg.get(0).isTextual()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            out.add(replace(arg.get(0).asText(), values));
            for (int i = 1; i < arg.size(); i++) {
                out.add(walk(arg.get(i), values, false));
            }
            return out;
        }
        return walk(arg, values, false);
    }

    private void expandLoop(String key, JsonNode loop, Map<String, String> values, boolean resourcesLevel,
            ObjectNode out) {
        Integer line = doc.tree().lineOf(loop);
        if (!LOOP_NAME.matcher(key).matches() || !loop.isArray() || loop.size() != 3 || !loop.get(0).isTextual()
                || !loop.get(2).isObject()) {
            throw new InputError(doc.file(), line, "malformed " + key + ": CloudFormation expects "
                    + "[Identifier, Collection, {OutputKey: OutputValue}] with a loop name of letters and digits");
        }
        String identifier = loop.get(0).asText();
        List<String> collection = new ArrayList<>();
        String why = collection(walk(loop.get(1), values, false), loop.get(1), collection);
        if (why != null) {
            if (resourcesLevel) {
                String type = repositoryType(loop.get(2));
                if (type != null && unexpanded.stream().noneMatch(u -> u.loop().equals(key))) {
                    unexpanded.add(new Unexpanded(key, type, why, loop));
                }
            }
            return;
        }
        for (String item : collection) {
            Map<String, String> inner = new HashMap<>(values);
            inner.put(identifier, item);
            JsonNode body = walk(loop.get(2), inner, resourcesLevel);
            for (Map.Entry<String, JsonNode> made : body.properties()) {
                if (out.has(made.getKey())) {
                    throw new InputError(doc.file(), line, key + " makes " + made.getKey() + " more than once");
                }
                if (++expandedEntries > MAX_EXPANDED_ENTRIES) {
                    throw new InputError(doc.file(), line, "Fn::ForEach loops make more than " + MAX_EXPANDED_ENTRIES
                            + " entries");
                }
                out.set(made.getKey(), made.getValue());
            }
        }
    }

    /**
     * Fills {@code items} with the values a loop runs over and returns null, or returns why they are only known at
     * deploy.
     */
    private String collection(JsonNode expression, JsonNode original, List<String> items) {
        Resolved resolved = resolver.resolve(expression);
        if (resolved instanceof Resolved.Known k && !k.symbolic() && k.node().isArray()) {
            for (JsonNode item : k.node()) {
                String text = CloudFormationResolver.scalarText(resolver.resolve(item));
                if (text == null) {
                    return "an element of its collection is known only at deploy: " + item;
                }
                items.add(text);
            }
            return null;
        }
        if (resolved instanceof Resolved.Known k && !k.symbolic() && k.node().isTextual() && isListParameter(original)) {
            for (String item : k.node().asText().split(",", -1)) {
                items.add(item.trim());
            }
            return null;
        }
        if (resolved instanceof Resolved.Unknown u) {
            return "its collection is known only at deploy: " + u.why();
        }
        if (resolved instanceof Resolved.Either e) {
            return "its collection is known only at deploy: " + e.why();
        }
        return "its collection is not a list: " + expression;
    }

    /** A Ref to a CommaDelimitedList or List<...> parameter, whose value is the list's text. */
    private boolean isListParameter(JsonNode collection) {
        JsonNode ref = collection.get("Ref");
        if (collection.size() != 1 || ref == null || !ref.isTextual()) {
            return false;
        }
        String type = doc.tree().root().path("Parameters").path(ref.asText()).path("Type").asText();
        return type.equals("CommaDelimitedList") || type.startsWith("List<");
    }

    /** The repository type a loop body makes (directly or through an inner loop), or null when it makes none. */
    private static String repositoryType(JsonNode body) {
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            JsonNode value = entry.getValue();
            String type = value.path("Type").asText();
            if (REPOSITORY_TYPES.contains(type)) {
                return type;
            }
            if (entry.getKey().startsWith(FOR_EACH) && value.isArray() && value.size() == 3 && value.get(2).isObject()) {
                String inner = repositoryType(value.get(2));
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** Replaces {@code ${Identifier}} by the value and {@code &{Identifier}} by its letters and digits. */
    private static String replace(String text, Map<String, String> values) {
        if (values.isEmpty() || !text.contains("{")) {
            return text;
        }
        String result = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            result = result.replace("${" + e.getKey() + "}", e.getValue())
                    .replace("&{" + e.getKey() + "}", NOT_ALPHANUMERIC.matcher(e.getValue()).replaceAll(""));
        }
        return result;
    }
}
