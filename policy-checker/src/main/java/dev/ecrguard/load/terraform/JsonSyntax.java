package dev.ecrguard.load.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecrguard.hcl.Attribute;
import dev.ecrguard.hcl.Block;
import dev.ecrguard.hcl.Body;
import dev.ecrguard.hcl.Expression;
import dev.ecrguard.hcl.Hcl;
import dev.ecrguard.hcl.HclSyntaxError;
import dev.ecrguard.hcl.Span;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.LocatedTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@code .tf.json} file of a module that has {@code .tf} files too, read as the syntax tree of its HCL equivalent,
 * so that the module is one whole (a variable declared in JSON and used in HCL, a module called from JSON). Terraform's
 * JSON syntax needs a resource type's schema to tell a nested block from an object argument; the loader does not need
 * to: both are read alike ({@code TerraformAttributes} takes a block list or an object). So every object is an object
 * argument, except a {@code dynamic} block, and every string is a template, except a variable's {@code default} and
 * the {@code //} comments, which are dropped.
 */
final class JsonSyntax {
    /** The top-level block types whose blocks are labelled by type and name. */
    private static final Set<String> TWO_LABELS = Set.of("resource", "data", "ephemeral");
    /** Those labelled by name. */
    private static final Set<String> ONE_LABEL = Set.of("module", "variable", "output", "provider", "check");
    private static final String COMMENT = "//";

    private final String file;
    private final LocatedTree tree;

    private JsonSyntax(String file, LocatedTree tree) {
        this.file = file;
        this.tree = tree;
    }

    /**
     * The body of a JSON configuration file.
     *
     * @param file its name in messages
     * @param tree the file, with the line of each object
     * @return its blocks and arguments as HCL would hold them
     * @throws InputError where a string is not a template Terraform accepts
     */
    static Body body(String file, LocatedTree tree) {
        return new JsonSyntax(file, tree).file(tree.root());
    }

    private Body file(JsonNode root) {
        List<Block> blocks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : named(root)) {
            String type = entry.getKey();
            for (JsonNode value : list(entry.getValue())) {
                if (TWO_LABELS.contains(type)) {
                    for (Map.Entry<String, JsonNode> byType : named(value)) {
                        for (JsonNode byName : list(byType.getValue())) {
                            for (Map.Entry<String, JsonNode> resource : named(byName)) {
                                for (JsonNode body : list(resource.getValue())) {
                                    blocks.add(block(type, List.of(byType.getKey(), resource.getKey()), body));
                                }
                            }
                        }
                    }
                } else if (ONE_LABEL.contains(type)) {
                    for (Map.Entry<String, JsonNode> labelled : named(value)) {
                        for (JsonNode body : list(labelled.getValue())) {
                            blocks.add(block(type, List.of(labelled.getKey()), body));
                        }
                    }
                } else {
                    blocks.add(block(type, List.of(), value));
                }
            }
        }
        return new Body(List.of(), blocks, span(root));
    }

    private Block block(String type, List<String> labels, JsonNode body) {
        return new Block(type, labels, body(type, body), span(body));
    }

    private Body body(String type, JsonNode object) {
        List<Attribute> attributes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (name.equals(COMMENT)) {
                continue;
            }
            if (name.equals("dynamic")) {
                for (JsonNode dynamic : list(value)) {
                    for (Map.Entry<String, JsonNode> generated : dynamic.properties()) {
                        blocks.add(dynamic(generated.getKey(), generated.getValue()));
                    }
                }
            } else if (type.equals("variable") && name.equals("default")) {
                attributes.add(new Attribute(name, constant(value), span(value)));
            } else if (type.equals("variable") && name.equals("type") && value.isTextual()) {
                attributes.add(new Attribute(name, expression(value.textValue()), span(value)));
            } else {
                attributes.add(new Attribute(name, value(value), span(value)));
            }
        }
        return new Body(attributes, blocks, span(object));
    }

    /** {@code "dynamic": {"NAME": {"for_each": ..., "content": {...}}}}: a dynamic block with its content block. */
    private Block dynamic(String name, JsonNode spec) {
        List<Attribute> attributes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : spec.properties()) {
            if (entry.getKey().equals("content")) {
                for (JsonNode content : list(entry.getValue())) {
                    blocks.add(new Block("content", List.of(), body("content", content), span(content)));
                }
            } else if (entry.getKey().equals("iterator") && entry.getValue().isTextual()) {
                attributes.add(new Attribute("iterator", new Expression.Variable(entry.getValue().textValue(),
                        span(entry.getValue())), span(entry.getValue())));
            } else if (!entry.getKey().equals(COMMENT)) {
                attributes.add(new Attribute(entry.getKey(), value(entry.getValue()), span(entry.getValue())));
            }
        }
        return new Block("dynamic", List.of(name), new Body(attributes, blocks, span(spec)), span(spec));
    }

    /** An argument's value: strings are templates. */
    private Expression value(JsonNode value) {
        return value(value, true);
    }

    /** A value taken as it is: a variable's default (its strings are not templates). */
    private Expression constant(JsonNode value) {
        return value(value, false);
    }

    private Expression value(JsonNode value, boolean templates) {
        if (value.isTextual()) {
            String text = value.textValue();
            return template(templates ? text : text.replace("${", "$${").replace("%{", "%%{"));
        }
        if (value.isArray()) {
            List<Expression> items = new ArrayList<>();
            value.forEach(item -> items.add(value(item, templates)));
            return new Expression.Tuple(items, span(value));
        }
        if (value.isObject()) {
            List<Expression.ObjectItem> items = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                if (!templates || !entry.getKey().equals(COMMENT)) {
                    items.add(new Expression.ObjectItem(value(JsonNodeFactory.instance.textNode(entry.getKey()),
                            templates), value(entry.getValue(), templates)));
                }
            }
            return new Expression.ObjectCons(items, span(value));
        }
        return literal(value);
    }

    private static Expression literal(JsonNode value) {
        if (value.isNumber()) {
            return new Expression.Literal(value.decimalValue(), null);
        }
        return new Expression.Literal(value.isBoolean() ? (Object) value.booleanValue() : null, null);
    }

    /** A string as Terraform's JSON syntax reads it: a template, {@code ${...}} interpolating. */
    private Expression template(String text) {
        StringBuilder quoted = new StringBuilder("value = \"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return expression(quoted.append("\"\n").toString(), true);
    }

    /** A type expression written as a string ({@code "list(string)"}). */
    private Expression expression(String text) {
        return expression("value = " + text + "\n", false);
    }

    private Expression expression(String source, boolean template) {
        try {
            Body parsed = Hcl.parse(source);
            if (parsed.attributes().size() == 1 && parsed.blocks().isEmpty()) {
                return parsed.attributes().get(0).value();
            }
        } catch (HclSyntaxError e) {
            // below
        }
        throw new InputError(file, (template ? "a string" : "a type") + " that is not a valid Terraform "
                + (template ? "template" : "expression") + " (Terraform refuses it)");
    }

    /** An object's entries less its {@code //} comments. */
    private static List<Map.Entry<String, JsonNode>> named(JsonNode object) {
        return object.properties().stream().filter(e -> !e.getKey().equals(COMMENT)).toList();
    }

    private Span span(JsonNode node) {
        Integer line = tree.lineOf(node);
        int at = line == null ? 1 : line;
        return new Span(at, 1, at, 1, 0, 0);
    }

    /**
     * A block's bodies: an object, or a list of them. Anything else is refused, as Terraform refuses it: a body ecr-guard
     * passed over could hold a repository.
     */
    private List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : node.isArray() ? node : List.of(node)) {
            if (!item.isObject()) {
                throw new InputError(file, tree.lineOf(node), "a block's body must be a JSON object (or a list of "
                        + "them), not " + item.getNodeType().name().toLowerCase(Locale.ROOT)
                        + " (Terraform refuses it)");
            }
            items.add(item);
        }
        return items;
    }
}
