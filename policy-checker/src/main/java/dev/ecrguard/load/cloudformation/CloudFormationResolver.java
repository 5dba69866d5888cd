package dev.ecrguard.load.cloudformation;

import dev.ecrguard.load.InputError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions, parameters and conditions as far as they can be known before deploy
 * (rules.md, "How values are resolved").
 */
final class CloudFormationResolver {
    /** Whether a condition holds: known true, known false, or only known at deploy. */
    enum Truth { TRUE, FALSE, UNKNOWN }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");
    /**
     * How deep intrinsics, mappings and conditions may refer to one another: far more than a real template needs,
     * far less than would overflow the stack (a 20,000-link Condition chain must be an input error, not a crash).
     */
    static final int MAX_DEPTH = 500;

    private final String file;
    private final JsonNode template;
    private final Map<String, Resolved> parameterValues;
    private final Map<String, Truth> conditionCache = new HashMap<>();
    private final Set<String> conditionsInProgress = new HashSet<>();
    private final Set<List<String>> mappingsInProgress = new HashSet<>();
    private int depth;

    /**
     * @param file the template, named in the input error for a cycle or a chain too deep
     * @param parameterValues values given for parameters (from the command line, or a parent stack), by name
     */
    CloudFormationResolver(String file, JsonNode template, Map<String, Resolved> parameterValues) {
        this.file = file;
        this.template = template;
        this.parameterValues = parameterValues;
    }

    Resolved resolve(JsonNode node) {
        enter();
        try {
            return resolveOnce(node);
        } finally {
            depth--;
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new InputError(file, "intrinsic functions, mappings and conditions refer to one another more than "
                    + MAX_DEPTH + " levels deep");
        }
    }

    private Resolved resolveOnce(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Resolved.ABSENT;
        }
        if (node.isTextual() && node.asText().contains("{{resolve:")) {
            return new Resolved.Unknown("dynamic reference " + node.asText(), null);
        }
        if (!node.isObject() || node.size() != 1) {
            return new Resolved.Known(node, null, false);
        }
        String fn = node.fieldNames().next();
        JsonNode arg = node.get(fn);
        return switch (fn) {
            case "Ref" -> ref(arg.asText());
            case "Fn::If" -> conditional(arg);
            case "Fn::Sub" -> sub(arg);
            case "Fn::Join" -> join(arg);
            case "Fn::Select" -> select(arg);
            case "Fn::FindInMap" -> findInMap(arg);
            case "Fn::GetAtt" -> getAtt(arg);
            case "Fn::ImportValue" -> importValue(arg);
            default -> fn.startsWith("Fn::")
                    ? new Resolved.Unknown(fn + " is only evaluated at deploy", null)
                    : new Resolved.Known(node, null, false);
        };
    }

    /** Resolves {@code key} of a resolved object; branches of an {@link Resolved.Either} are followed each. */
    Resolved get(Resolved parent, String key) {
        if (parent instanceof Resolved.Known k) {
            return k.node().isObject() && !k.symbolic()
                    ? resolve(k.node().get(key)) : new Resolved.Unknown("not an object: " + k.node(), null);
        }
        if (parent instanceof Resolved.Either e) {
            return new Resolved.Either(e.options().stream().map(o -> get(o, key)).toList(), e.why());
        }
        return parent;
    }

    Truth condition(String name) {
        Truth cached = conditionCache.get(name);
        if (cached != null) {
            return cached;
        }
        JsonNode expression = template.path("Conditions").get(name);
        if (expression == null) {
            return Truth.UNKNOWN;
        }
        if (!conditionsInProgress.add(name)) {
            throw new InputError(file, "condition " + name + " depends on itself (CloudFormation rejects circular "
                    + "conditions)");
        }
        Truth truth = evaluate(expression);
        conditionsInProgress.remove(name);
        conditionCache.put(name, truth);
        return truth;
    }

    private Truth evaluate(JsonNode expression) {
        enter();
        try {
            return evaluateOnce(expression);
        } finally {
            depth--;
        }
    }

    private Truth evaluateOnce(JsonNode expression) {
        if (!expression.isObject() || expression.size() != 1) {
            return expression.isBoolean() ? (expression.asBoolean() ? Truth.TRUE : Truth.FALSE) : Truth.UNKNOWN;
        }
        String fn = expression.fieldNames().next();
        JsonNode arg = expression.get(fn);
        switch (fn) {
            case "Condition":
                return condition(arg.asText());
            case "Fn::Equals":
                return arg.isArray() && arg.size() == 2 ? equal(resolve(arg.get(0)), resolve(arg.get(1))) : Truth.UNKNOWN;
            case "Fn::Not":
                Truth inner = arg.isArray() && arg.size() == 1 ? evaluate(arg.get(0)) : Truth.UNKNOWN;
                return inner == Truth.UNKNOWN ? inner : inner == Truth.TRUE ? Truth.FALSE : Truth.TRUE;
            case "Fn::And", "Fn::Or": {
                boolean and = fn.equals("Fn::And");
                Truth result = and ? Truth.TRUE : Truth.FALSE;
                for (JsonNode operand : arg) {
                    Truth t = evaluate(operand);
                    if (t == (and ? Truth.FALSE : Truth.TRUE)) {
                        return t;
                    }
                    if (t == Truth.UNKNOWN) {
                        result = Truth.UNKNOWN;
                    }
                }
                return result;
            }
            default:
                return Truth.UNKNOWN;
        }
    }

    private Truth equal(Resolved a, Resolved b) {
        List<Resolved> left = options(a);
        List<Resolved> right = options(b);
        boolean anyTrue = false;
        boolean anyFalse = false;
        for (Resolved l : left) {
            for (Resolved r : right) {
                String ls = scalarText(l);
                String rs = scalarText(r);
                if (ls == null || rs == null) {
                    return Truth.UNKNOWN;
                }
                if (ls.equals(rs)) {
                    anyTrue = true;
                } else {
                    anyFalse = true;
                }
            }
        }
        return anyTrue && anyFalse ? Truth.UNKNOWN : anyTrue ? Truth.TRUE : Truth.FALSE;
    }

    /** The options of a value: itself, or every branch of an Either, flattened. */
    static List<Resolved> options(Resolved r) {
        if (r instanceof Resolved.Either e) {
            List<Resolved> all = new ArrayList<>();
            for (Resolved o : e.options()) {
                all.addAll(options(o));
            }
            return all;
        }
        return List.of(r);
    }

    /** The text of a known scalar (numbers and booleans as CloudFormation compares them), else null. */
    static String scalarText(Resolved r) {
        if (r instanceof Resolved.Known k && !k.symbolic() && k.node().isValueNode() && !k.node().isNull()) {
            return k.node().asText();
        }
        return null;
    }

    private Resolved ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return Resolved.ABSENT;
        }
        if (name.startsWith("AWS::")) {
            return new Resolved.Unknown("pseudo parameter " + name, "${" + name + "}");
        }
        JsonNode parameter = template.path("Parameters").get(name);
        if (parameter != null) {
            return parameter(name, parameter);
        }
        if (template.path("Resources").has(name)) {
            return new Resolved.Unknown("Ref to resource " + name, "${" + name + "}");
        }
        return new Resolved.Unknown("Ref to " + name + ", which the template does not define", null);
    }

    private Resolved parameter(String name, JsonNode parameter) {
        Resolved given = parameterValues.get(name);
        if (given != null) {
            return given;
        }
        if (parameter.path("Type").asText().startsWith("AWS::SSM::Parameter::Value")) {
            return new Resolved.Unknown("Ref to parameter " + name + ", read from SSM at deploy", "${" + name + "}");
        }
        JsonNode allowed = parameter.path("AllowedValues");
        JsonNode defaultValue = parameter.get("Default");
        if (defaultValue != null && defaultValue.isValueNode()) {
            String why = "Ref to parameter " + name + " (Default)";
            if (allowed.isArray() && allowed.size() > 1) {
                why += "; a deploy can override it with any of its AllowedValues: " + joinTexts(allowed);
            }
            return new Resolved.Known(TextNode.valueOf(defaultValue.asText()), why, false);
        }
        if (allowed.isArray() && !allowed.isEmpty()) {
            List<Resolved> options = new ArrayList<>();
            for (JsonNode v : allowed) {
                options.add(new Resolved.Known(TextNode.valueOf(v.asText()), null, false));
            }
            return new Resolved.Either(options, "Ref to parameter " + name + ", which has no Default (AllowedValues: "
                    + joinTexts(allowed) + ")");
        }
        return new Resolved.Unknown("Ref to parameter " + name + ", which has no Default and no AllowedValues",
                "${" + name + "}");
    }

    private Resolved conditional(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 3) {
            return new Resolved.Unknown("malformed Fn::If", null);
        }
        String name = arg.get(0).asText();
        return switch (condition(name)) {
            case TRUE -> resolve(arg.get(1));
            case FALSE -> resolve(arg.get(2));
            case UNKNOWN -> new Resolved.Either(List.of(resolve(arg.get(1)), resolve(arg.get(2))),
                    "Fn::If on condition " + name + ", which cannot be evaluated before deploy");
        };
    }

    /** An export of another stack; inside a string it reads as {@code ${Fn::ImportValue Name}}. */
    private Resolved importValue(JsonNode arg) {
        String name = scalarText(resolve(arg));
        String shown = name != null ? name : describe(arg);
        return new Resolved.Unknown("Fn::ImportValue " + shown,
                name != null && !name.contains("}") ? "${Fn::ImportValue " + name + "}" : "${Fn::ImportValue}");
    }

    private Resolved getAtt(JsonNode arg) {
        String target = arg.isArray() ? joinTexts(arg, ".") : arg.asText();
        return new Resolved.Unknown("Fn::GetAtt " + target, "${" + target + "}");
    }

    private Resolved sub(JsonNode arg) {
        JsonNode text = arg.isArray() ? arg.path(0) : arg;
        JsonNode variables = arg.isArray() ? arg.path(1) : null;
        if (!text.isTextual()) {
            return new Resolved.Unknown("malformed Fn::Sub", null);
        }
        StringBuilder out = new StringBuilder();
        boolean symbolic = false;
        String why = null;
        Matcher m = SUB_VARIABLE.matcher(text.asText());
        int last = 0;
        while (m.find()) {
            out.append(text.asText(), last, m.start());
            last = m.end();
            if (!m.group(1).isEmpty()) {
                out.append("${").append(m.group(2)).append('}');
                continue;
            }
            String variable = m.group(2).trim();
            Resolved value;
            if (variables != null && variables.has(variable)) {
                value = resolve(variables.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                value = getAtt(TextNode.valueOf(variable));
            } else {
                value = ref(variable);
            }
            String piece = piece(value);
            if (piece == null) {
                return unknownPiece(value, "Fn::Sub variable " + variable);
            }
            symbolic |= isSymbolic(value);
            why = why != null ? why : deployTimeWhy(value, "Fn::Sub variable " + variable);
            out.append(piece);
        }
        out.append(text.asText().substring(last));
        return built(out.toString(), symbolic, why);
    }

    private Resolved join(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2) {
            return new Resolved.Unknown("malformed Fn::Join", null);
        }
        Resolved list = resolve(arg.get(1));
        if (!(list instanceof Resolved.Known k) || !k.node().isArray()) {
            return unknownPiece(list, "Fn::Join list");
        }
        List<String> pieces = new ArrayList<>();
        boolean symbolic = false;
        String why = null;
        for (JsonNode item : k.node()) {
            Resolved value = resolve(item);
            String piece = piece(value);
            if (piece == null) {
                return unknownPiece(value, "Fn::Join element");
            }
            symbolic |= isSymbolic(value);
            why = why != null ? why : deployTimeWhy(value, "Fn::Join element");
            pieces.add(piece);
        }
        return built(String.join(arg.get(0).asText(), pieces), symbolic, why);
    }

    /** A string built by Fn::Sub or Fn::Join; one that forms a dynamic reference is only resolved at deploy. */
    private static Resolved built(String text, boolean symbolic, String why) {
        return text.contains("{{resolve:") ? new Resolved.Unknown("dynamic reference " + text, null)
                : new Resolved.Known(TextNode.valueOf(text), why, symbolic);
    }

    /** Why a piece of a built string is only known at deploy (the first such piece names it), else null. */
    private static String deployTimeWhy(Resolved value, String where) {
        if (value instanceof Resolved.Unknown u) {
            return where + ": " + u.why();
        }
        return value instanceof Resolved.Known k && k.symbolic() ? k.why() : null;
    }

    private Resolved select(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2) {
            return new Resolved.Unknown("malformed Fn::Select", null);
        }
        String index = scalarText(resolve(arg.get(0)));
        Resolved list = resolve(arg.get(1));
        if (index == null || !(list instanceof Resolved.Known k) || !k.node().isArray() || k.symbolic()) {
            // a piece of a string known only at deploy (CDK writes an ECR image's registry host so)
            return new Resolved.Unknown("Fn::Select over values known only at deploy", "${Fn::Select}");
        }
        try {
            int i = Integer.parseInt(index);
            return i >= 0 && i < k.node().size()
                    ? resolve(k.node().get(i)) : new Resolved.Unknown("Fn::Select index out of range", null);
        } catch (NumberFormatException e) {
            return new Resolved.Unknown("Fn::Select index is not a number", null);
        }
    }

    private Resolved findInMap(JsonNode arg) {
        if (!arg.isArray() || arg.size() < 3) {
            return new Resolved.Unknown("malformed Fn::FindInMap", null);
        }
        String map = scalarText(resolve(arg.get(0)));
        String top = scalarText(resolve(arg.get(1)));
        String second = scalarText(resolve(arg.get(2)));
        if (map == null || top == null || second == null) {
            return new Resolved.Unknown("Fn::FindInMap with keys known only at deploy", null);
        }
        JsonNode found = template.path("Mappings").path(map).path(top).get(second);
        if (found == null) {
            JsonNode fallback = arg.size() > 3 ? arg.get(3).get("DefaultValue") : null;
            return fallback != null ? resolve(fallback)
                    : new Resolved.Unknown("Fn::FindInMap: no " + map + "." + top + "." + second, null);
        }
        List<String> entry = List.of(map, top, second);
        if (!mappingsInProgress.add(entry)) {
            throw new InputError(file, "Fn::FindInMap " + String.join(".", entry) + " refers to itself");
        }
        try {
            return resolve(found);
        } finally {
            mappingsInProgress.remove(entry);
        }
    }

    /** How a resolved value reads inside a Sub or Join string, or null when it cannot be written there. */
    private static String piece(Resolved value) {
        if (value instanceof Resolved.Known k && k.node().isValueNode()) {
            return k.node().asText();
        }
        if (value instanceof Resolved.Unknown u) {
            return u.placeholder();
        }
        return null;
    }

    private static boolean isSymbolic(Resolved value) {
        return value instanceof Resolved.Unknown || value instanceof Resolved.Known k && k.symbolic();
    }

    private static Resolved unknownPiece(Resolved value, String where) {
        String why = value instanceof Resolved.Unknown u ? u.why()
                : value instanceof Resolved.Either e ? e.why() : "a value that is not a string";
        return new Resolved.Unknown(where + ": " + why, null);
    }

    private static String describe(JsonNode arg) {
        return arg.isTextual() ? arg.asText() : arg.toString();
    }

    private static String joinTexts(JsonNode values) {
        return joinTexts(values, ", ");
    }

    private static String joinTexts(JsonNode values, String delimiter) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.asText()));
        return String.join(delimiter, texts);
    }
}
