package dev.ecrguard.load.terraform.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.hcl.Attribute;
import dev.ecrguard.hcl.Block;
import dev.ecrguard.hcl.Body;
import dev.ecrguard.hcl.Expression;
import dev.ecrguard.model.Model;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Terraform module read from source: all its files together, as Terraform reads a folder. It gives the instances
 * of the resources of the types asked for, with the addresses a plan would show ({@code aws_ecr_repository.r["api"]},
 * {@code [0]}, or {@code [*]} when {@code count} or {@code for_each} is not known statically) and their arguments and
 * nested blocks evaluated ({@link Evaluator}), nested blocks as lists of objects as in a plan.
 */
public final class RootModule {
    /** The arguments of a resource block that are Terraform's, not the resource type's. */
    private static final Set<String> META_ARGUMENTS = Set.of("count", "for_each", "provider", "depends_on");
    private static final Set<String> META_BLOCKS = Set.of("lifecycle", "connection", "provisioner");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One parsed file of the module. */
    public record SourceFile(String name, Body body) {}

    /**
     * One instance of a resource. {@code keysUnknown} when its {@code count} or {@code for_each} is not known
     * statically: the address then ends in {@code [*]} and stands for all of them.
     */
    public record Instance(String type, String address, ObjectNode attributes, String file, int line,
            boolean keysUnknown, String keysWhy) {}

    private final List<SourceFile> files;
    private final Evaluator evaluator;

    /**
     * @param files the module's {@code .tf}/{@code .tofu} files, parsed
     * @param values the values of its variables from {@code .tfvars} files and the command line, later ones winning
     *     already; a declared variable with neither a value here nor a default has no value (unknown)
     */
    public RootModule(List<SourceFile> files, Map<String, JsonNode> values) {
        this.files = List.copyOf(files);
        Map<String, JsonNode> variables = new HashMap<>();
        Map<String, Expression> locals = new HashMap<>();
        Evaluator constants = new Evaluator(Map.of(), Map.of(), Map.of());
        for (SourceFile file : files) {
            for (Block block : file.body().blocks()) {
                if (block.type().equals("variable") && block.labels().size() == 1) {
                    String name = block.labels().get(0);
                    if (values.containsKey(name)) {
                        variables.put(name, values.get(name));
                    } else {
                        block.body().attribute("default")
                                .ifPresent(d -> variables.put(name, constants.evaluate(d.value())));
                    }
                } else if (block.type().equals("locals")) {
                    block.body().attributes().forEach(a -> locals.put(a.name(), a.value()));
                }
            }
        }
        this.evaluator = new Evaluator(variables, locals, Map.of());
    }

    /** The instances of the resources of {@code types}, in source order. */
    public List<Instance> resources(Set<String> types) {
        List<Instance> instances = new ArrayList<>();
        for (SourceFile file : files) {
            for (Block block : file.body().blocks("resource")) {
                if (block.labels().size() == 2 && types.contains(block.labels().get(0))) {
                    instances.addAll(instances(file.name(), block));
                }
            }
        }
        return instances;
    }

    private List<Instance> instances(String file, Block block) {
        String type = block.labels().get(0);
        String base = type + "." + block.labels().get(1);
        int line = block.span().line();
        List<Instance> result = new ArrayList<>();
        Attribute count = block.body().attribute("count").orElse(null);
        Attribute forEach = block.body().attribute("for_each").orElse(null);
        if (count != null) {
            JsonNode n = evaluator.evaluate(count.value());
            Unknown unknown = Unknown.within(n);
            String invalid = unknown != null ? unknown.why() : invalidCount(n);
            if (invalid != null) {
                JsonNode index = new Unknown("count.index, as count is not known statically", null).node();
                result.add(new Instance(type, base + "[*]", body(block.body(),
                        evaluator.forInstance(Map.of("count", NODES.objectNode().set("index", index)))), file, line,
                        true, invalid));
                return result;
            }
            for (int i = 0; i < n.asInt(); i++) {
                ObjectNode countObject = NODES.objectNode();
                countObject.put("index", i);
                result.add(new Instance(type, base + "[" + i + "]", body(block.body(),
                        evaluator.forInstance(Map.of("count", countObject))), file, line, false, null));
            }
            return result;
        }
        if (forEach != null) {
            JsonNode collection = evaluator.evaluate(forEach.value());
            Unknown unknown = Unknown.within(collection);
            Map<String, JsonNode> keys = null;
            String invalid = unknown != null ? unknown.why() : "for_each is not a map or a set of strings";
            if (unknown == null && (collection.isObject() || collection.isArray())) {
                try {
                    keys = keyed(collection);
                } catch (Evaluator.Refused e) {
                    invalid = "Terraform would refuse it: " + e.getMessage();
                }
            }
            if (keys == null) {
                ObjectNode each = NODES.objectNode();
                each.set("key", new Unknown("each.key, as for_each is not known statically", null).node());
                each.set("value", new Unknown("each.value, as for_each is not known statically", null).node());
                result.add(new Instance(type, base + "[*]", body(block.body(), evaluator.forInstance(Map.of("each",
                        each))), file, line, true, invalid));
                return result;
            }
            for (Map.Entry<String, JsonNode> element : keys.entrySet()) {
                ObjectNode each = NODES.objectNode();
                each.put("key", element.getKey());
                each.set("value", element.getValue());
                result.add(new Instance(type, base + "[\"" + element.getKey() + "\"]", body(block.body(),
                        evaluator.forInstance(Map.of("each", each))), file, line, false, null));
            }
            return result;
        }
        result.add(new Instance(type, base, body(block.body(), evaluator), file, line, false, null));
        return result;
    }

    /**
     * Why a known count gives no list of instances, or null when it does: Terraform refuses a count that is not a
     * whole number of 0 or more, and more instances than a model holds are not made one by one.
     */
    private static String invalidCount(JsonNode n) {
        if (!n.isNumber() || n.decimalValue().stripTrailingZeros().scale() > 0 || n.decimalValue().signum() < 0) {
            return "Terraform would refuse it: count must be a whole number of 0 or more";
        }
        if (n.decimalValue().compareTo(BigDecimal.valueOf(Model.MAX_WEIGHT)) > 0) {
            return "count is larger than one check judges (" + Model.MAX_WEIGHT + ")";
        }
        return null;
    }

    /** for_each's keys in Terraform's order (lexical): a map's keys, or a set's strings as keys and values. */
    private static Map<String, JsonNode> keyed(JsonNode collection) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        if (collection.isObject()) {
            collection.fields().forEachRemaining(f -> sorted.put(f.getKey(), f.getValue()));
        } else {
            collection.forEach(item -> sorted.put(Operators.string(item), item));
        }
        return sorted;
    }

    /** A body's arguments and nested blocks, evaluated; nested blocks become lists of objects, as in a plan. */
    private ObjectNode body(Body body, Evaluator scope) {
        ObjectNode values = NODES.objectNode();
        for (Attribute attribute : body.attributes()) {
            if (!META_ARGUMENTS.contains(attribute.name())) {
                values.set(attribute.name(), scope.evaluate(attribute.value()));
            }
        }
        Map<String, ArrayNode> blocks = new LinkedHashMap<>();
        Set<String> unknownBlocks = new HashSet<>();
        for (Block block : body.blocks()) {
            if (META_BLOCKS.contains(block.type())) {
                continue;
            }
            if (block.type().equals("dynamic") && block.labels().size() == 1) {
                String name = block.labels().get(0);
                JsonNode generated = dynamic(block, name, scope);
                if (Unknown.of(generated) != null) {
                    values.set(name, generated); // blocks that cannot be listed make the whole list unknown
                    unknownBlocks.add(name);
                } else {
                    blocks.computeIfAbsent(name, k -> NODES.arrayNode()).addAll((ArrayNode) generated);
                }
            } else {
                blocks.computeIfAbsent(block.type(), k -> NODES.arrayNode()).add(body(block.body(), scope));
            }
        }
        blocks.keySet().removeAll(unknownBlocks);
        blocks.forEach(values::set);
        return values;
    }

    /** The blocks a {@code dynamic} block generates, or an unknown when its for_each is not known statically. */
    private JsonNode dynamic(Block block, String name, Evaluator scope) {
        Attribute forEach = block.body().attribute("for_each").orElse(null);
        List<Block> content = block.body().blocks("content");
        if (forEach == null || content.size() != 1) {
            return new Unknown("a dynamic \"" + name + "\" block without for_each and one content block", null).node();
        }
        String iterator = block.body().attribute("iterator")
                .map(a -> a.value() instanceof Expression.Variable v ? v.name() : null).orElse(name);
        if (iterator == null) {
            return new Unknown("a dynamic \"" + name + "\" block whose iterator is not a name", null).node();
        }
        JsonNode collection = scope.evaluate(forEach.value());
        Unknown unknown = Unknown.within(collection);
        if (unknown != null || !(collection.isObject() || collection.isArray())) {
            return new Unknown("dynamic \"" + name + "\" blocks whose for_each is not known statically"
                    + (unknown != null ? " (" + unknown.why() + ")" : ""), null).node();
        }
        ArrayNode generated = NODES.arrayNode();
        List<Map.Entry<JsonNode, JsonNode>> elements = new ArrayList<>();
        if (collection.isArray()) {
            for (int i = 0; i < collection.size(); i++) {
                elements.add(Map.entry(NODES.numberNode(new BigDecimal(i)), collection.get(i)));
            }
        } else {
            keyed(collection).forEach((k, v) -> elements.add(Map.entry(NODES.textNode(k), v)));
        }
        for (Map.Entry<JsonNode, JsonNode> element : elements) {
            ObjectNode bound = NODES.objectNode();
            bound.set("key", element.getKey());
            bound.set("value", element.getValue());
            generated.add(body(content.get(0).body(), scope.withName(iterator, bound)));
        }
        return generated;
    }
}
