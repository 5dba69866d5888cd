package dev.ecrguard.load.terraform.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.hcl.Expression;
import dev.ecrguard.load.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Terraform functions ECR code uses, as Terraform defines them. Any other function is an {@link Unknown} naming
 * it: a function ecr-guard does not know gives no value, not a guess.
 */
final class Functions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Evaluator evaluator;

    Functions(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    JsonNode call(Expression.Call call) {
        String name = call.name();
        switch (name) {
            case "try" -> {
                return tryEach(call.arguments());
            }
            case "can" -> {
                return can(single(call));
            }
            default -> { }
        }
        List<JsonNode> args = new ArrayList<>();
        call.arguments().forEach(a -> args.add(evaluator.eval(a)));
        if (call.expandLast()) {
            JsonNode last = args.remove(args.size() - 1);
            if (Unknown.of(last) != null) {
                return unknownArgument(name, Unknown.of(last));
            }
            if (!last.isArray()) {
                throw new Evaluator.Refused("... expands a list, but " + name + "()'s last argument is "
                        + Operators.typeName(last));
            }
            last.forEach(args::add);
        }
        return switch (name) {
            case "merge" -> merge(name, args);
            case "lookup" -> lookup(name, args);
            case "coalesce" -> coalesce(name, args);
            case "toset" -> set(name, only(name, args));
            case "tolist", "tomap" -> known(name, only(name, args));
            case "tostring" -> text(name, args, value -> value.isNull() ? value : NODES.textNode(Operators.string(value)));
            case "tonumber" -> text(name, args, value -> value.isNull() ? value : NODES.numberNode(Operators.number(value)));
            case "tobool" -> text(name, args, value -> value.isNull() ? value : NODES.booleanNode(Operators.bool(value)));
            case "jsonencode" -> jsonencode(name, only(name, args));
            case "jsondecode" -> jsondecode(name, only(name, args));
            case "format" -> format(name, args);
            case "lower" -> text(name, args, v -> NODES.textNode(Operators.string(v).toLowerCase(Locale.ROOT)));
            case "upper" -> text(name, args, v -> NODES.textNode(Operators.string(v).toUpperCase(Locale.ROOT)));
            case "trimspace" -> text(name, args, v -> NODES.textNode(Operators.string(v).strip()));
            case "concat" -> concat(name, args);
            case "length" -> length(name, only(name, args));
            case "keys", "values" -> keysOrValues(name, only(name, args));
            case "contains" -> contains(name, args);
            case "join" -> join(name, args);
            case "flatten" -> flatten(name, only(name, args));
            case "distinct" -> distinct(name, only(name, args));
            case "compact" -> compact(name, only(name, args));
            case "sensitive", "nonsensitive" -> only(name, args); // the same value, shown or hidden in plans
            case "coalescelist" -> coalesceList(name, args);
            case "element" -> element(name, args);
            case "one" -> one(name, only(name, args));
            case "alltrue", "anytrue" -> allOrAnyTrue(name, only(name, args));
            case "startswith", "endswith" -> startsOrEndsWith(name, args);
            case "split" -> split(name, args);
            case "replace" -> replace(name, args);
            case "zipmap" -> zipmap(name, args);
            default -> new Unknown("the function " + name + "() is not evaluated by ecr-guard", null).node();
        };
    }

    private Expression single(Expression.Call call) {
        if (call.arguments().size() != 1 || call.expandLast()) {
            throw new Evaluator.Refused(call.name() + "() takes one argument");
        }
        return call.arguments().get(0);
    }

    /** The first argument that Terraform does not refuse; an unknown one makes the result unknown. */
    private JsonNode tryEach(List<Expression> arguments) {
        Evaluator.Refused last = new Evaluator.Refused("try() needs at least one argument");
        for (Expression argument : arguments) {
            try {
                return evaluator.eval(argument);
            } catch (Evaluator.Refused e) {
                last = e;
            }
        }
        throw new Evaluator.Refused("no argument of try() can be evaluated: " + last.getMessage());
    }

    private JsonNode can(Expression argument) {
        try {
            JsonNode value = evaluator.eval(argument);
            Unknown unknown = Unknown.within(value);
            return unknown != null ? new Unknown(unknown.why(), null).node() : NODES.booleanNode(true);
        } catch (Evaluator.Refused e) {
            return NODES.booleanNode(false);
        }
    }

    private static JsonNode unknownArgument(String name, Unknown unknown) {
        return new Unknown(name + "() of a value that is not known statically (" + unknown.why() + ")", null).node();
    }

    /** The argument, or an unknown when any part of it is unknown. */
    private static JsonNode known(String name, JsonNode value) {
        Unknown unknown = Unknown.within(value);
        return unknown != null ? unknownArgument(name, unknown) : value;
    }

    private static JsonNode only(String name, List<JsonNode> args) {
        if (args.size() != 1) {
            throw new Evaluator.Refused(name + "() takes one argument");
        }
        return args.get(0);
    }

    private interface Conversion {
        JsonNode apply(JsonNode value);
    }

    private static JsonNode text(String name, List<JsonNode> args, Conversion conversion) {
        JsonNode value = only(name, args);
        Unknown unknown = Unknown.of(value);
        return unknown != null ? unknownArgument(name, unknown) : conversion.apply(value);
    }

    private JsonNode merge(String name, List<JsonNode> args) {
        ObjectNode result = NODES.objectNode();
        for (JsonNode arg : args) {
            Unknown unknown = Unknown.of(arg);
            if (unknown != null) {
                return unknownArgument(name, unknown);
            }
            if (arg.isNull()) {
                continue;
            }
            if (!arg.isObject()) {
                throw new Evaluator.Refused("merge() takes maps or objects, not " + Operators.typeName(arg));
            }
            evaluator.step(arg.size());
            result.setAll((ObjectNode) arg);
        }
        return result;
    }

    private static JsonNode lookup(String name, List<JsonNode> args) {
        if (args.size() < 2 || args.size() > 3) {
            throw new Evaluator.Refused("lookup() takes a map, a key and an optional default");
        }
        JsonNode map = args.get(0);
        Unknown unknown = Unknown.of(map) != null ? Unknown.of(map) : Unknown.of(args.get(1));
        if (unknown != null) {
            return unknownArgument(name, unknown);
        }
        if (!map.isObject()) {
            throw new Evaluator.Refused("lookup() takes a map, not " + Operators.typeName(map));
        }
        JsonNode value = map.get(Operators.string(args.get(1)));
        if (value != null) {
            return value;
        }
        if (args.size() == 3) {
            return args.get(2);
        }
        throw new Evaluator.Refused("lookup() found no such key and has no default");
    }

    private static JsonNode coalesce(String name, List<JsonNode> args) {
        for (JsonNode arg : args) {
            Unknown unknown = Unknown.of(arg);
            if (unknown != null) {
                return unknownArgument(name, unknown);
            }
            if (!arg.isNull() && !(arg.isTextual() && arg.textValue().isEmpty())) {
                return arg;
            }
        }
        throw new Evaluator.Refused("coalesce() has no argument that is not null or empty");
    }

    /** A set: no duplicates, and strings (or numbers) in the order Terraform iterates a set of them. */
    private JsonNode set(String name, JsonNode value) {
        JsonNode list = known(name, value);
        if (Unknown.of(list) != null || list.isNull()) {
            return list;
        }
        ArrayNode distinct = (ArrayNode) distinct(name, list);
        List<JsonNode> items = new ArrayList<>();
        distinct.forEach(items::add);
        if (items.stream().allMatch(JsonNode::isTextual)) {
            items.sort((a, b) -> a.textValue().compareTo(b.textValue()));
        } else if (items.stream().allMatch(JsonNode::isNumber)) {
            items.sort((a, b) -> a.decimalValue().compareTo(b.decimalValue()));
        }
        ArrayNode result = NODES.arrayNode();
        items.forEach(result::add);
        return result;
    }

    /**
     * JSON text as Terraform writes it: no spaces, object keys in lexical order, and {@code <}, {@code >} and
     * {@code &} escaped.
     */
    private JsonNode jsonencode(String name, JsonNode value) {
        Unknown unknown = Unknown.within(value);
        if (unknown != null && !placeholdersOnly(value)) {
            return unknownArgument(name, unknown);
        }
        StringBuilder out = new StringBuilder();
        encode(value, out);
        // Unknown strings that have a text ("${aws_ecr_repository.app.repository_url}:v1") are written as that text,
        // so that the images of container_definitions = jsonencode([...]) are read like their JSON form.
        Evaluator.bounded(out);
        return unknown == null ? NODES.textNode(out.toString())
                : new Unknown(name + "() of a value that is not known statically (" + unknown.why() + ")",
                        out.toString()).node();
    }

    /** Whether every unknown in {@code value} is a string with a known text around what is unknown. */
    private static boolean placeholdersOnly(JsonNode value) {
        Unknown unknown = Unknown.of(value);
        if (unknown != null) {
            return unknown.text() != null;
        }
        for (JsonNode child : value) {
            if (!placeholdersOnly(child)) {
                return false;
            }
        }
        return true;
    }

    private void encode(JsonNode value, StringBuilder out) {
        evaluator.step(1);
        Evaluator.bounded(out);
        if (value.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            value.fields().forEachRemaining(f -> sorted.put(f.getKey(), f.getValue()));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                quote(field.getKey(), out);
                out.append(':');
                encode(field.getValue(), out);
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ",");
                encode(value.get(i), out);
            }
            out.append(']');
        } else if (value.isTextual()) {
            quote(value.textValue(), out);
        } else if (Unknown.of(value) != null) {
            quote(Unknown.of(value).text(), out);
        } else if (value.isNumber()) {
            out.append(Operators.string(value));
        } else {
            out.append(value.isNull() ? "null" : String.valueOf(value.booleanValue()));
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static JsonNode jsondecode(String name, JsonNode value) {
        Unknown unknown = Unknown.of(value);
        if (unknown != null) {
            return unknownArgument(name, unknown);
        }
        JsonNode decoded = Json.parseEmbedded(Operators.string(value)); // bounded, strict, text that is text
        if (decoded == null) {
            throw new Evaluator.Refused("jsondecode() of text that is not JSON");
        }
        return decoded;
    }

    /** format() with %s, %d, %v and %%; another verb is not evaluated. */
    private static JsonNode format(String name, List<JsonNode> args) {
        if (args.isEmpty()) {
            throw new Evaluator.Refused("format() needs a format string");
        }
        for (JsonNode arg : args) {
            Unknown unknown = Unknown.within(arg);
            if (unknown != null) {
                return unknownArgument(name, unknown);
            }
        }
        String spec = Operators.string(args.get(0));
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char verb = i + 1 < spec.length() ? spec.charAt(++i) : '\0';
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (verb != 's' && verb != 'd' && verb != 'v') {
                return new Unknown("format() with a verb other than %s, %d, %v", null).node();
            }
            if (next >= args.size()) {
                throw new Evaluator.Refused("format() has more verbs than arguments");
            }
            JsonNode arg = args.get(next++);
            if (verb == 'd') {
                BigDecimal n = Operators.number(arg);
                if (n.stripTrailingZeros().scale() > 0) {
                    throw new Evaluator.Refused("format() %d of a number that is not whole");
                }
            }
            out.append(Operators.string(arg));
            Evaluator.bounded(out);
        }
        return NODES.textNode(out.toString());
    }

    private JsonNode concat(String name, List<JsonNode> args) {
        ArrayNode result = NODES.arrayNode();
        for (JsonNode arg : args) {
            Unknown unknown = Unknown.of(arg);
            if (unknown != null) {
                return unknownArgument(name, unknown);
            }
            if (!arg.isArray()) {
                throw new Evaluator.Refused("concat() takes lists, not " + Operators.typeName(arg));
            }
            evaluator.step(arg.size());
            result.addAll((ArrayNode) arg);
        }
        return result;
    }

    private static JsonNode length(String name, JsonNode value) {
        Unknown unknown = Unknown.of(value);
        if (unknown != null) {
            return unknownArgument(name, unknown);
        }
        if (value.isTextual()) {
            return NODES.numberNode(value.textValue().codePointCount(0, value.textValue().length()));
        }
        if (value.isArray() || value.isObject()) {
            return NODES.numberNode(value.size());
        }
        throw new Evaluator.Refused("length() of " + Operators.typeName(value));
    }

    private static JsonNode keysOrValues(String name, JsonNode value) {
        Unknown unknown = Unknown.of(value);
        if (unknown != null) {
            return unknownArgument(name, unknown);
        }
        if (!value.isObject()) {
            throw new Evaluator.Refused(name + "() of " + Operators.typeName(value));
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        value.fields().forEachRemaining(f -> sorted.put(f.getKey(), f.getValue()));
        ArrayNode result = NODES.arrayNode();
        sorted.forEach((k, v) -> result.add(name.equals("keys") ? NODES.textNode(k) : v));
        return result;
    }

    private static JsonNode contains(String name, List<JsonNode> args) {
        if (args.size() != 2) {
            throw new Evaluator.Refused("contains() takes a list and a value");
        }
        for (JsonNode arg : args) {
            Unknown unknown = Unknown.within(arg);
            if (unknown != null) {
                return unknownArgument(name, unknown);
            }
        }
        if (!args.get(0).isArray()) {
            throw new Evaluator.Refused("contains() takes a list, not " + Operators.typeName(args.get(0)));
        }
        for (JsonNode item : args.get(0)) {
            if (Operators.equal(item, args.get(1))) {
                return NODES.booleanNode(true);
            }
        }
        return NODES.booleanNode(false);
    }

    private static JsonNode join(String name, List<JsonNode> args) {
        if (args.size() < 2) {
            throw new Evaluator.Refused("join() takes a separator and lists");
        }
        for (JsonNode arg : args) {
            Unknown unknown = Unknown.within(arg);
            if (unknown != null) {
                return unknownArgument(name, unknown);
            }
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode list : args.subList(1, args.size())) {
            if (!list.isArray()) {
                throw new Evaluator.Refused("join() takes lists, not " + Operators.typeName(list));
            }
            list.forEach(item -> parts.add(Operators.string(item)));
        }
        String separator = Operators.string(args.get(0));
        long length = (long) separator.length() * Math.max(parts.size() - 1, 0);
        for (String part : parts) {
            length += part.length();
        }
        if (length > Evaluator.MAX_STRING_LENGTH) {
            throw new Evaluator.TooComplex();
        }
        return NODES.textNode(String.join(separator, parts));
    }

    /**
     * {@code function} of a list argument: an unknown when any part of it is unknown, a refusal when it is not a list.
     */
    private static JsonNode ofList(String name, JsonNode value, Function<JsonNode, JsonNode> function) {
        JsonNode known = known(name, value);
        if (Unknown.of(known) != null) {
            return known;
        }
        if (!known.isArray()) {
            throw new Evaluator.Refused(name + "() of " + Operators.typeName(known));
        }
        return function.apply(known);
    }

    /** The first argument that is a non-empty list; an unknown one before it makes the result unknown. */
    private static JsonNode coalesceList(String name, List<JsonNode> args) {
        for (JsonNode arg : args) {
            JsonNode known = known(name, arg);
            if (Unknown.of(known) != null) {
                return known;
            }
            if (!known.isArray()) {
                throw new Evaluator.Refused(name + "() takes lists, not " + Operators.typeName(known));
            }
            if (!known.isEmpty()) {
                return known;
            }
        }
        throw new Evaluator.Refused(name + "() has no non-empty list");
    }

    /** {@code element(list, index)}: an index past the end wraps around; a negative one is refused. */
    private static JsonNode element(String name, List<JsonNode> args) {
        JsonNode list = known(name, args.size() == 2 ? args.get(0) : NullNode.getInstance());
        JsonNode index = known(name, args.size() == 2 ? args.get(1) : NullNode.getInstance());
        if (Unknown.of(list) != null || Unknown.of(index) != null) {
            return Unknown.of(list) != null ? list : index;
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new Evaluator.Refused(name + "() takes a list that is not empty and an index");
        }
        int i;
        try {
            i = Operators.number(index).intValueExact();
        } catch (ArithmeticException e) {
            throw new Evaluator.Refused(name + "() of an index that is not a whole number");
        }
        if (i < 0) {
            throw new Evaluator.Refused(name + "() of a negative index");
        }
        return list.get(i % list.size());
    }

    /** {@code one(list)}: null for an empty list, its element for a list of one. */
    private static JsonNode one(String name, JsonNode value) {
        return ofList(name, value, list -> {
            if (list.size() > 1) {
                throw new Evaluator.Refused(name + "() of a list of more than one element");
            }
            return list.isEmpty() ? NullNode.getInstance() : list.get(0);
        });
    }

    private static JsonNode allOrAnyTrue(String name, JsonNode value) {
        return ofList(name, value, list -> {
            boolean all = name.equals("alltrue");
            for (JsonNode item : list) {
                if (Operators.bool(item) != all) {
                    return NODES.booleanNode(!all);
                }
            }
            return NODES.booleanNode(all);
        });
    }

    private static JsonNode startsOrEndsWith(String name, List<JsonNode> args) {
        List<String> texts = strings(name, args, 2);
        if (texts == null) {
            return unknownArgument(name, Unknown.within(NODES.arrayNode().addAll(args)));
        }
        return NODES.booleanNode(name.equals("startswith") ? texts.get(0).startsWith(texts.get(1))
                : texts.get(0).endsWith(texts.get(1)));
    }

    /** {@code split(separator, string)}. */
    private JsonNode split(String name, List<JsonNode> args) {
        List<String> texts = strings(name, args, 2);
        if (texts == null) {
            return unknownArgument(name, Unknown.within(NODES.arrayNode().addAll(args)));
        }
        ArrayNode parts = NODES.arrayNode();
        String text = texts.get(1);
        String separator = texts.get(0);
        if (separator.isEmpty()) {
            return new Unknown(name + "() with an empty separator is not evaluated by ecr-guard", null).node();
        }
        int from = 0;
        for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, from)) {
            evaluator.step(1);
            parts.add(text.substring(from, at));
            from = at + separator.length();
        }
        return parts.add(text.substring(from));
    }

    /** {@code replace(string, substring, replacement)}; a /regular expression/ is not evaluated. */
    private static JsonNode replace(String name, List<JsonNode> args) {
        List<String> texts = strings(name, args, 3);
        if (texts == null) {
            return unknownArgument(name, Unknown.within(NODES.arrayNode().addAll(args)));
        }
        String substring = texts.get(1);
        if (substring.length() > 1 && substring.startsWith("/") && substring.endsWith("/")) {
            return new Unknown(name + "() with a regular expression is not evaluated by ecr-guard", null).node();
        }
        if (substring.isEmpty()) {
            return new Unknown(name + "() of an empty substring is not evaluated by ecr-guard", null).node();
        }
        return NODES.textNode(Evaluator.bounded(texts.get(0).replace(substring, texts.get(2))).toString());
    }

    /** {@code zipmap(keys, values)}: a key given twice takes its last value. */
    private static JsonNode zipmap(String name, List<JsonNode> args) {
        if (args.size() != 2) {
            throw new Evaluator.Refused(name + "() takes two lists");
        }
        JsonNode keys = known(name, args.get(0));
        JsonNode values = known(name, args.get(1));
        if (Unknown.of(keys) != null || Unknown.of(values) != null) {
            return Unknown.of(keys) != null ? keys : values;
        }
        if (!keys.isArray() || !values.isArray() || keys.size() != values.size()) {
            throw new Evaluator.Refused(name + "() takes two lists of the same length");
        }
        ObjectNode map = NODES.objectNode();
        for (int i = 0; i < keys.size(); i++) {
            map.set(Operators.string(keys.get(i)), values.get(i));
        }
        return map;
    }

    /** {@code count} string arguments, or null when one is unknown. */
    private static List<String> strings(String name, List<JsonNode> args, int count) {
        if (args.size() != count) {
            throw new Evaluator.Refused(name + "() takes " + count + " arguments");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode arg : args) {
            if (Unknown.within(arg) != null) {
                return null;
            }
            texts.add(Operators.string(arg));
        }
        return texts;
    }

    private JsonNode flatten(String name, JsonNode value) {
        return ofList(name, value, list -> {
            ArrayNode result = NODES.arrayNode();
            flattenInto(list, result);
            return result;
        });
    }

    private void flattenInto(JsonNode list, ArrayNode result) {
        for (JsonNode item : list) {
            evaluator.step(1);
            if (item.isArray()) {
                flattenInto(item, result);
            } else {
                result.add(item);
            }
        }
    }

    private JsonNode distinct(String name, JsonNode value) {
        return ofList(name, value, list -> {
            ArrayNode result = NODES.arrayNode();
            for (JsonNode item : unified(list)) {
                evaluator.step(result.size() + 1);
                boolean seen = false;
                for (JsonNode kept : result) {
                    seen |= Operators.equal(kept, item);
                }
                if (!seen) {
                    result.add(item);
                }
            }
            return result;
        });
    }

    /**
     * A list's elements of one type, as Terraform makes a list or set of them: strings, numbers and bools mixed with
     * strings all become strings; numbers mixed with bools have no common type.
     */
    private static ArrayNode unified(JsonNode list) {
        boolean strings = false;
        boolean numbers = false;
        boolean bools = false;
        for (JsonNode item : list) {
            strings |= item.isTextual();
            numbers |= item.isNumber();
            bools |= item.isBoolean();
        }
        ArrayNode result = NODES.arrayNode();
        if (strings && (numbers || bools)) {
            list.forEach(item -> result.add(item.isNull() || item.isContainerNode() ? item
                    : NODES.textNode(Operators.string(item))));
        } else if (numbers && bools) {
            throw new Evaluator.Refused("a list of numbers and bools has no single element type");
        } else {
            result.addAll((ArrayNode) list);
        }
        return result;
    }

    private static JsonNode compact(String name, JsonNode value) {
        return ofList(name, value, list -> {
            ArrayNode result = NODES.arrayNode();
            for (JsonNode item : list) {
                if (!item.isNull() && !(item.isTextual() && item.textValue().isEmpty())) {
                    result.add(item);
                }
            }
            return result;
        });
    }
}
