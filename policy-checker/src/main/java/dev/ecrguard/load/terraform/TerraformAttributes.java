package dev.ecrguard.load.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecrguard.load.terraform.source.Unknown;
import dev.ecrguard.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The attributes of one Terraform resource, from a plan ({@code after} plus {@code after_unknown}), a state
 * ({@code values}), a JSON configuration (where a string holding {@code ${...}} is only known at apply) or source
 * evaluated statically (where an {@link Unknown} leaf says what is not known and why).
 * Nested blocks may be a list of objects (plans) or a single object (CDKTF writes MaxItems-1 blocks so).
 */
final class TerraformAttributes {
    private final JsonNode values;
    private final JsonNode unknown;
    private final boolean interpolationsAreUnknown;
    /** The top-level attributes that may be read, or null for any. */
    private final Set<String> readable;

    private TerraformAttributes(JsonNode values, JsonNode unknown, boolean interpolationsAreUnknown,
            Set<String> readable) {
        this.values = values == null ? JsonNodeFactory.instance.objectNode() : values;
        this.unknown = unknown == null ? JsonNodeFactory.instance.objectNode() : unknown;
        this.interpolationsAreUnknown = interpolationsAreUnknown;
        this.readable = readable;
    }

    private TerraformAttributes(JsonNode values, JsonNode unknown, boolean interpolationsAreUnknown) {
        this(values, unknown, interpolationsAreUnknown, null);
    }

    /**
     * The same attributes, of which only {@code names} may be read: a plan's stream keeps no other
     * ({@link TerraformResources#ATTRIBUTES}), so reading another is a mistake of this program, never of the input.
     */
    TerraformAttributes readingOnly(Set<String> names) {
        return new TerraformAttributes(values, unknown, interpolationsAreUnknown, names);
    }

    private void requireReadable(String name) {
        if (readable != null && !readable.contains(name)) {
            throw new IllegalStateException("attribute " + name + " is read but not listed in "
                    + "TerraformResources.ATTRIBUTES, so a plan's stream does not keep it");
        }
    }

    static TerraformAttributes planned(JsonNode after, JsonNode afterUnknown) {
        return new TerraformAttributes(after, afterUnknown, false);
    }

    static TerraformAttributes configured(JsonNode block) {
        return new TerraformAttributes(block, null, true);
    }

    /** Source evaluated statically: values with {@link Unknown} leaves, dynamic blocks expanded already. */
    static TerraformAttributes evaluated(JsonNode values) {
        return new TerraformAttributes(values, null, false);
    }

    /** A scalar at a path of attribute and block names, e.g. {@code image_scanning_configuration, scan_on_push}. */
    Value scalar(String... path) {
        return scalar(interpolationsAreUnknown, false, path);
    }

    /**
     * An image reference, or JSON text holding some: a string with {@code ${...}} stays known here, because
     * {@link ImageReference} resolves a repository URL placeholder ({@code ${aws_ecr_repository.app.repository_url}:v1})
     * and makes any other interpolation unknown itself.
     */
    Value reference(String... path) {
        return scalar(false, true, path);
    }

    private Value scalar(boolean interpolationsAreUnknown, boolean reference, String... path) {
        requireReadable(path[0]);
        String attribute = String.join(".", path);
        JsonNode node = values;
        JsonNode unknownNode = unknown;
        for (int i = 0; i < path.length; i++) {
            String step = path[i];
            if (isTrue(unknownNode)) {
                return Value.unknown(attribute, "known after apply");
            }
            if (Unknown.of(firstBlock(node)) != null) {
                return Value.unknown(attribute, Unknown.of(firstBlock(node)).why());
            }
            JsonNode parent = firstBlock(node);
            node = parent.path(step);
            if (interpolationsAreUnknown && i < path.length - 1 && node.isMissingNode()) {
                List<JsonNode> generated = TerraformDynamicBlocks.expand(parent, step);
                if (generated == null) {
                    return Value.unknown(attribute, "a dynamic \"" + step + "\" block whose for_each is not a literal");
                }
                node = generated.isEmpty() ? node : generated.get(0);
            }
            unknownNode = firstBlock(unknownNode).path(step);
        }
        if (isTrue(unknownNode)) {
            return Value.unknown(attribute, "known after apply");
        }
        if (node.isMissingNode() || node.isNull()) {
            return Value.absent(attribute);
        }
        Unknown unknownLeaf = Unknown.within(node);
        if (unknownLeaf != null) {
            // an image reference keeps the text around what is unknown, for ImageReference to resolve
            return !interpolationsAreUnknown && Unknown.of(node) != null && Unknown.of(node).text() != null
                    && reference ? Value.known(JsonNodeFactory.instance.textNode(Unknown.of(node).text()), attribute,
                            null) : Value.unknown(attribute, unknownLeaf.why());
        }
        if (interpolationsAreUnknown && containsInterpolation(node)) {
            return Value.unknown(attribute, "interpolation " + node.asText());
        }
        return Value.known(node, attribute, null);
    }

    /** A boolean, accepting the strings "true"/"false" as Terraform does. */
    Value bool(String... path) {
        Value v = scalar(path);
        if (v.isKnown() && v.value().isTextual()) {
            String text = v.value().asText();
            if (text.equals("true") || text.equals("false")) {
                return Value.known(JsonNodeFactory.instance.booleanNode(text.equals("true")), v.attribute(), null);
            }
        }
        return v;
    }

    /** The blocks of a nested block type, as a list (one object is a list of one); null when unknown. */
    List<JsonNode> blocks(String name) {
        requireReadable(name);
        if (isTrue(unknown.path(name)) || Unknown.of(values.path(name)) != null) {
            return null;
        }
        JsonNode node = values.path(name);
        List<JsonNode> result = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (isTrue(unknown.path(name).path(i)) || node.get(i).isNull()) {
                    return null;
                }
                result.add(node.get(i));
            }
        } else if (node.isObject()) {
            result.add(node);
        } else if (interpolationsAreUnknown && containsInterpolation(node)) {
            return null;
        }
        if (interpolationsAreUnknown) {
            List<JsonNode> generated = TerraformDynamicBlocks.expand(values, name);
            if (generated == null) {
                return null;
            }
            result.addAll(generated);
        }
        return result;
    }

    /** A list of strings taken from one field of each block, e.g. the {@code filter} of each exclusion filter. */
    Value blockStrings(String block, String field) {
        String attribute = block;
        List<JsonNode> blocks = blocks(block);
        Unknown generated = Unknown.of(values.path(block));
        if (blocks == null) {
            return Value.unknown(attribute, generated != null ? generated.why() : interpolationsAreUnknown
                    ? "blocks generated from an expression (for_each or an interpolation)" : "known after apply");
        }
        if (blocks.isEmpty()) {
            return Value.absent(attribute);
        }
        ArrayNode strings = JsonNodeFactory.instance.arrayNode();
        for (JsonNode b : blocks) {
            JsonNode v = b.path(field);
            if (Unknown.within(v) != null) {
                return Value.unknown(attribute, Unknown.within(v).why());
            }
            if (!v.isTextual() || interpolationsAreUnknown && containsInterpolation(v)) {
                return Value.unknown(attribute, v.isTextual() ? "interpolation " + v.asText() : "known after apply");
            }
            strings.add(v.asText());
        }
        return Value.known(strings, attribute, null);
    }

    /** A set or list of strings attribute, e.g. {@code applied_for}. */
    Value stringList(String name) {
        Value v = scalar(name);
        if (v.isKnown() && v.value().isArray()) {
            for (JsonNode item : v.value()) {
                if (!item.isTextual() || interpolationsAreUnknown && containsInterpolation(item)) {
                    return Value.unknown(name, "known after apply");
                }
            }
        }
        return v;
    }

    private static JsonNode firstBlock(JsonNode node) {
        return node.isArray() ? (node.size() > 0 ? node.get(0) : JsonNodeFactory.instance.missingNode()) : node;
    }

    private static boolean isTrue(JsonNode node) {
        return node.isBoolean() && node.asBoolean();
    }

    static boolean containsInterpolation(JsonNode node) {
        return node.isTextual() && node.asText().contains("${");
    }
}
