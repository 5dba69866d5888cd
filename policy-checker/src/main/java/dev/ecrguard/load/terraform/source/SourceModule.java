package dev.ecrguard.load.terraform.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.hcl.Attribute;
import dev.ecrguard.hcl.Block;
import dev.ecrguard.hcl.Body;
import dev.ecrguard.hcl.Expression;
import dev.ecrguard.hcl.Hcl;
import dev.ecrguard.hcl.HclSyntaxError;
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
 * of the resources of the types asked for and of its module calls, with the addresses a plan would show
 * ({@code aws_ecr_repository.r["api"]}, {@code [0]}, or {@code [*]} when {@code count} or {@code for_each} is not
 * known statically) and their arguments and nested blocks evaluated ({@link Evaluator}), nested blocks as lists of
 * objects as in a plan. Variables take the values given, converted to their declared type ({@link VariableTypes}),
 * or their defaults; a variable with neither is unknown.
 */
public final class SourceModule {
    /** The arguments of a resource block that are Terraform's, not the resource type's. */
    private static final Set<String> META_ARGUMENTS = Set.of("count", "for_each", "provider", "depends_on");
    /** The arguments of a module block that are Terraform's, not the module's variables. */
    private static final Set<String> MODULE_META_ARGUMENTS =
            Set.of("source", "version", "count", "for_each", "providers", "depends_on");
    private static final Set<String> META_BLOCKS = Set.of("lifecycle", "connection", "provisioner");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One parsed file of the module, with its text when known (an unknown value then quotes the expression it came
     * from).
     */
    public record SourceFile(String name, Body body, String text) {
        /** A file without its text. */
        public SourceFile(String name, Body body) {
            this(name, body, null);
        }
    }

    /** The longest expression an unknown value quotes; a longer one is cut with "...". */
    private static final int MAX_QUOTED_EXPRESSION = 80;

    /** A value given to a variable: by a {@code .tfvars} file or a module call, or as text on the command line. */
    public sealed interface Given {
        /** A value as the file or the caller gives it (converted to the variable's type here). */
        record Value(JsonNode value) implements Given {}

        /** {@code --var NAME=TEXT}: text for a string variable, else an expression, as Terraform reads it. */
        record Text(String text) implements Given {}
    }

    /**
     * One instance of a resource. {@code keysUnknown} when its {@code count} or {@code for_each} is not known
     * statically: the address then ends in {@code [*]} and stands for all of them.
     */
    public record Instance(String type, String address, ObjectNode attributes, String file, int line,
            boolean keysUnknown, String keysWhy) {}

    /**
     * One instance of a module call: {@code address} is {@code module.NAME} with its key, {@code source} the literal
     * source (null when the source is not a literal string, which Terraform refuses), {@code arguments} the values of
     * its other arguments.
     */
    public record ModuleCall(String name, String address, String source, String version, ObjectNode arguments,
            String file, int line, boolean keysUnknown, String keysWhy) {}

    /** One address of a block with {@code count} or {@code for_each}: its suffix and the scope its body sees. */
    private record Keyed(String suffix, Evaluator scope, boolean keysUnknown, String keysWhy) {}

    private final List<SourceFile> files;
    private final Evaluator evaluator;

    /**
     * @param files the module's {@code .tf}/{@code .tofu} files, parsed
     * @param values the values of its variables from {@code .tfvars} files and the command line (later ones winning
     *     already), or from the module call; a declared variable with neither a value here nor a default has no value
     *     (unknown)
     */
    public SourceModule(List<SourceFile> files, Map<String, Given> values) {
        this(files, values, EvaluationBudget.forRoot());
    }

    /**
     * @param files the module's files, parsed
     * @param values the values of its variables
     * @param budget the work its root module's evaluation may do, shared with the root's other modules
     */
    public SourceModule(List<SourceFile> files, Map<String, Given> values, EvaluationBudget budget) {
        this.files = List.copyOf(files);
        Map<String, JsonNode> variables = new HashMap<>();
        Map<String, Expression> locals = new HashMap<>();
        Evaluator constants = new Evaluator(Map.of(), Map.of(), Map.of(), budget);
        for (SourceFile file : files) {
            for (Block block : file.body().blocks()) {
                if (block.type().equals("variable") && block.labels().size() == 1) {
                    String name = block.labels().get(0);
                    JsonNode value = variable(block.body(), values.get(name), constants, name);
                    if (value != null) {
                        variables.put(name, value);
                    }
                } else if (block.type().equals("locals")) {
                    block.body().attributes().forEach(a -> locals.put(a.name(), a.value()));
                }
            }
        }
        this.evaluator = new Evaluator(variables, locals, Map.of(), budget);
    }

    /** A variable's value: the one given, converted to its type, else its default; null when it has neither. */
    private static JsonNode variable(Body declaration, Given given, Evaluator constants, String name) {
        Expression type = declaration.attribute("type").map(Attribute::value).orElse(null);
        JsonNode value = null;
        if (given instanceof Given.Value v) {
            value = v.value();
        } else if (given instanceof Given.Text t) {
            value = VariableTypes.isString(type) ? NODES.textNode(t.text()) : expression(t.text(), constants, name);
        }
        boolean nullable = declaration.attribute("nullable")
                .map(a -> !(a.value() instanceof Expression.Literal l && Boolean.FALSE.equals(l.value())))
                .orElse(true);
        if (value == null || value.isNull() && !nullable) {
            // a caller's null stands for "not set" only where the variable says it is not nullable
            value = declaration.attribute("default").map(d -> constants.evaluate(d.value())).orElse(value);
        }
        return value == null ? null : VariableTypes.convert(type, value, constants, name);
    }

    /** A command-line value of a variable whose type is not a string: an expression, as Terraform parses it. */
    private static JsonNode expression(String text, Evaluator constants, String name) {
        try {
            Body body = Hcl.parse("value = " + text + "\n");
            if (body.attributes().size() == 1 && body.blocks().isEmpty()) {
                return constants.evaluate(body.attributes().get(0).value());
            }
        } catch (HclSyntaxError e) {
            // refused below
        }
        return new Unknown("Terraform would refuse the value of var." + name + " given on the command line: it is "
                + "not an expression", null).node();
    }

    /** The instances of the resources of {@code types}, in source order. */
    public List<Instance> resources(Set<String> types) {
        List<Instance> instances = new ArrayList<>();
        for (SourceFile file : files) {
            for (Block block : file.body().blocks("resource")) {
                if (block.labels().size() == 2 && types.contains(block.labels().get(0))) {
                    String type = block.labels().get(0);
                    String base = type + "." + block.labels().get(1);
                    for (Keyed keyed : keyed(block)) {
                        instances.add(new Instance(type, base + keyed.suffix(),
                                body(block.body(), keyed.scope(), META_ARGUMENTS, file.text()), file.name(), block.span().line(),
                                keyed.keysUnknown(), keyed.keysWhy()));
                    }
                }
            }
        }
        return instances;
    }

    /** The instances of the module's module calls, in source order. */
    public List<ModuleCall> moduleCalls() {
        List<ModuleCall> calls = new ArrayList<>();
        for (SourceFile file : files) {
            for (Block block : file.body().blocks("module")) {
                if (block.labels().size() != 1) {
                    continue;
                }
                String name = block.labels().get(0);
                String source = literal(block.body(), "source");
                String version = literal(block.body(), "version");
                for (Keyed keyed : keyed(block)) {
                    calls.add(new ModuleCall(name, "module." + name + keyed.suffix(), source, version,
                            body(block.body(), keyed.scope(), MODULE_META_ARGUMENTS, file.text()), file.name(),
                            block.span().line(), keyed.keysUnknown(), keyed.keysWhy()));
                }
            }
        }
        return calls;
    }

    /**
     * The module's {@code terraform} blocks, evaluated ({@code required_providers} as a list of one object, as in a
     * plan's nested blocks).
     */
    public List<ObjectNode> terraformSettings() {
        List<ObjectNode> settings = new ArrayList<>();
        for (SourceFile file : files) {
            for (Block block : file.body().blocks("terraform")) {
                settings.add(body(block.body(), evaluator, Set.of(), file.text()));
            }
        }
        return settings;
    }

    /**
     * An argument Terraform requires to be a literal string ({@code source}, {@code version}).
     *
     * @return its text, or null when it is not set or not a literal string
     */
    public static String literal(Body body, String name) {
        return body.attribute(name)
                .map(a -> a.value() instanceof Expression.Template t ? t.literal() : null).orElse(null);
    }

    /** The addresses of a block: one, or one per {@code count} index or {@code for_each} key, or {@code [*]}. */
    private List<Keyed> keyed(Block block) {
        List<Keyed> result = new ArrayList<>();
        Attribute count = block.body().attribute("count").orElse(null);
        Attribute forEach = block.body().attribute("for_each").orElse(null);
        if (count != null) {
            JsonNode n = evaluator.evaluate(count.value());
            Unknown unknown = Unknown.within(n);
            String invalid = unknown != null ? unknown.why() : invalidCount(n);
            if (invalid != null) {
                JsonNode index = new Unknown("count.index, as count is not known statically", null).node();
                result.add(new Keyed("[*]", evaluator.forInstance(Map.of("count",
                        NODES.objectNode().set("index", index))), true, invalid));
                return result;
            }
            for (int i = 0; i < n.asInt(); i++) {
                ObjectNode countObject = NODES.objectNode();
                countObject.put("index", i);
                result.add(new Keyed("[" + i + "]", evaluator.forInstance(Map.of("count", countObject)), false, null));
            }
            return result;
        }
        if (forEach != null) {
            JsonNode collection = evaluator.evaluate(forEach.value());
            Unknown unknown = keysUnknown(collection);
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
                result.add(new Keyed("[*]", evaluator.forInstance(Map.of("each", each)), true, invalid));
                return result;
            }
            for (Map.Entry<String, JsonNode> element : keys.entrySet()) {
                ObjectNode each = NODES.objectNode();
                each.put("key", element.getKey());
                each.set("value", element.getValue());
                result.add(new Keyed("[" + quoted(element.getKey()) + "]",
                        evaluator.forInstance(Map.of("each", each)), false, null));
            }
            return result;
        }
        result.add(new Keyed("", evaluator, false, null));
        return result;
    }

    /**
     * What makes a for_each's keys unknown, or null when they are known: a map's keys are known even when some of its
     * values are not (Terraform plans those instances with unknown values), a set's elements are its keys.
     */
    private static Unknown keysUnknown(JsonNode collection) {
        return collection.isObject() ? null : Unknown.within(collection);
    }

    /**
     * A key as a plan writes it in an address (Terraform's {@code addrs.StringKey}): an HCL quoted string, with
     * newline, return, tab, quote and backslash escaped, a dollar or percent sign before a brace doubled (so that it
     * starts no template), and a character Go does not print as a backslash-u (or -U) escape.
     */
    static String quoted(String key) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < key.length(); ) {
            int c = key.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '$', '%' -> out.append(Character.toChars(c))
                        .append(i < key.length() && key.charAt(i) == '{' ? Character.toString(c) : "");
                default -> {
                    if (printable(c)) {
                        out.appendCodePoint(c);
                    } else {
                        out.append(c < 0x10000 ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.SURROGATE -> false;
            case Character.SPACE_SEPARATOR -> c == ' ';
            default -> true;
        };
    }

    /**
     * An unknown value that says which expression it came from ({@code var.env == "prod" ? ... : ...}: why), on one
     * line and at most {@link #MAX_QUOTED_EXPRESSION} characters; the text around an unknown string is kept.
     */
    private static JsonNode quoting(JsonNode value, Expression expression, String text) {
        Unknown unknown = Unknown.of(value);
        if (unknown == null || text == null || expression.span() == null || expression.span().end() > text.length()) {
            return value;
        }
        String quoted = expression.span().of(text).strip().replaceAll("\\s+", " ");
        if (quoted.length() > MAX_QUOTED_EXPRESSION) {
            quoted = quoted.substring(0, MAX_QUOTED_EXPRESSION - 3) + "...";
        }
        return unknown.why().startsWith(quoted) ? value
                : new Unknown(quoted + ": " + unknown.why(), unknown.text()).node();
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
    private ObjectNode body(Body body, Evaluator scope, Set<String> metaArguments, String text) {
        ObjectNode values = NODES.objectNode();
        for (Attribute attribute : body.attributes()) {
            if (!metaArguments.contains(attribute.name())) {
                values.set(attribute.name(), quoting(scope.evaluate(attribute.value()), attribute.value(), text));
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
                JsonNode generated = dynamic(block, name, scope, text);
                if (Unknown.of(generated) != null) {
                    values.set(name, generated); // blocks that cannot be listed make the whole list unknown
                    unknownBlocks.add(name);
                } else {
                    blocks.computeIfAbsent(name, k -> NODES.arrayNode()).addAll((ArrayNode) generated);
                }
            } else {
                blocks.computeIfAbsent(block.type(), k -> NODES.arrayNode()).add(body(block.body(), scope, Set.of(), text));
            }
        }
        blocks.keySet().removeAll(unknownBlocks);
        blocks.forEach(values::set);
        return values;
    }

    /** The blocks a {@code dynamic} block generates, or an unknown when its for_each is not known statically. */
    private JsonNode dynamic(Block block, String name, Evaluator scope, String text) {
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
        Unknown unknown = keysUnknown(collection);
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
            generated.add(body(content.get(0).body(), scope.withName(iterator, bound), Set.of(), text));
        }
        return generated;
    }
}
