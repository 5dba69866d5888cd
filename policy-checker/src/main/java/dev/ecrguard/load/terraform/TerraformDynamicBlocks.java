package dev.ecrguard.load.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the {@code dynamic "NAME" { for_each = ..., content { ... } }} blocks of a Terraform JSON configuration
 * into the blocks Terraform would generate, when {@code for_each} is a literal list or map; references to the
 * iterator ({@code ${NAME.value}}, {@code ${NAME.key}}, {@code ${NAME.value.field}}) in the content are
 * substituted. A {@code for_each} that is an expression cannot be expanded without evaluating Terraform, so the
 * blocks are unknown (null), never "no blocks".
 */
final class TerraformDynamicBlocks {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TerraformDynamicBlocks() {}

    /**
     * The blocks that the {@code dynamic} entries for {@code name} in {@code parent} generate: an empty list when
     * there are none, null when they cannot be known.
     */
    static List<JsonNode> expand(JsonNode parent, String name) {
        JsonNode dynamic = parent.path("dynamic");
        List<JsonNode> result = new ArrayList<>();
        if (dynamic.isMissingNode()) {
            return result;
        }
        for (JsonNode group : dynamic.isArray() ? dynamic : List.of(dynamic)) {
            if (!group.isObject()) {
                return null; // a "dynamic" Terraform would reject, or an expression: its blocks are not known
            }
            JsonNode declared = group.path(name);
            for (JsonNode block : declared.isArray() ? declared : List.of(declared)) {
                if (block.isMissingNode()) {
                    continue;
                }
                List<JsonNode> generated = expandOne(block, name);
                if (generated == null) {
                    return null;
                }
                result.addAll(generated);
            }
        }
        return result;
    }

    private static List<JsonNode> expandOne(JsonNode block, String name) {
        JsonNode forEach = block.path("for_each");
        JsonNode content = block.path("content");
        if (content.isArray() && content.size() == 1) {
            content = content.get(0);
        }
        String iterator = block.path("iterator").isTextual() ? block.path("iterator").asText() : name;
        if (!content.isObject() || !iterator.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            return null;
        }
        List<JsonNode> generated = new ArrayList<>();
        if (forEach.isArray()) {
            for (int i = 0; i < forEach.size(); i++) {
                generated.add(substitute(content, iterator, NODES.numberNode(i), forEach.get(i)));
            }
        } else if (forEach.isObject()) {
            for (Map.Entry<String, JsonNode> entry : forEach.properties()) {
                generated.add(substitute(content, iterator, NODES.textNode(entry.getKey()), entry.getValue()));
            }
        } else {
            return null;
        }
        return generated;
    }

    private static JsonNode substitute(JsonNode node, String iterator, JsonNode key, JsonNode value) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), substitute(e.getValue(), iterator, key, value)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(substitute(item, iterator, key, value)));
            return copy;
        }
        if (!node.isTextual()) {
            return node;
        }
        Pattern reference = Pattern.compile("\\$\\{\\s*" + Pattern.quote(iterator)
                + "\\.(key|value)((?:\\.[A-Za-z_][A-Za-z0-9_-]*)*)\\s*}");
        String text = node.asText();
        Matcher whole = reference.matcher(text);
        if (whole.matches()) {
            JsonNode resolved = resolve(whole, key, value);
            return resolved == null ? node : resolved;
        }
        Matcher m = reference.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode resolved = resolve(m, key, value);
            String replacement = resolved != null && resolved.isValueNode() && !resolved.isNull() ? resolved.asText()
                    : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return NODES.textNode(out.toString());
    }

    /** The node an iterator reference names, or null when the path does not exist (the text stays unknown). */
    private static JsonNode resolve(Matcher m, JsonNode key, JsonNode value) {
        JsonNode node = m.group(1).equals("key") ? key : value;
        for (String field : m.group(2).isEmpty() ? new String[0] : m.group(2).substring(1).split("\\.")) {
            node = node.path(field);
        }
        return node.isMissingNode() ? null : node;
    }
}
