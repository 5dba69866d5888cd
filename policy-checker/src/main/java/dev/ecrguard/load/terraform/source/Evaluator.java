package dev.ecrguard.load.terraform.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.hcl.Expression;
import dev.ecrguard.hcl.TemplatePart;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates Terraform expressions statically, as far as Terraform itself could before a plan: literals, {@code var.*}
 * with the values given, {@code local.*}, {@code each.*} and {@code count.index}, operators, conditionals,
 * templates, {@code for} expressions, splats and the functions ECR code uses ({@link Functions}). Anything else (a
 * resource's attribute, a data source, a variable without a value, another function) is an {@link Unknown} leaf that
 * names it: never a guess. What Terraform would refuse (a missing attribute, a type error) is an unknown too, saying
 * so, because ecr-guard cannot judge what Terraform would not plan.
 *
 * <p>Evaluation is bounded: a budget of steps keeps locals that double each other from taking exponential time.
 */
public final class Evaluator {
    /** Steps one evaluation may take; real modules take a few thousand. */
    static final int STEP_BUDGET = 2_000_000;
    /** The longest string evaluation builds: longer ones come from strings that double each other, not from code. */
    static final int MAX_STRING_LENGTH = 1_000_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^{}]*)}");

    /** What Terraform would refuse: an error in the configuration, not an unknown value. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The evaluation took more steps than {@link #STEP_BUDGET}. */
    static final class TooComplex extends RuntimeException {
        TooComplex() {
            super("too complex to evaluate statically", null, false, false);
        }
    }

    private final Map<String, JsonNode> variables;
    private final Map<String, Expression> locals;
    private final Map<String, JsonNode> iteration;
    /** Names a block binds: the iterator of a {@code dynamic} block. */
    private final Map<String, JsonNode> names;
    private final Map<String, JsonNode> localValues;
    private final Set<String> localsInProgress;
    private final Deque<Map<String, JsonNode>> bound = new ArrayDeque<>();
    private final Deque<JsonNode> splatItems = new ArrayDeque<>();
    private final Functions functions = new Functions(this);
    private final EvaluationBudget budget;
    private int steps;

    /**
     * @param variables the values of {@code var.*} (a variable missing here has no value: unknown)
     * @param locals the expressions of {@code local.*}, evaluated when referred to
     * @param iteration {@code each} (an object of {@code key} and {@code value}) or {@code count} (of {@code index})
     */
    public Evaluator(Map<String, JsonNode> variables, Map<String, Expression> locals, Map<String, JsonNode> iteration) {
        this(variables, locals, iteration, EvaluationBudget.forRoot());
    }

    /**
     * @param variables the values of {@code var.*} (a variable missing here has no value: unknown)
     * @param locals the expressions of {@code local.*}, evaluated when referred to
     * @param iteration {@code each} (an object of {@code key} and {@code value}) or {@code count} (of {@code index})
     * @param budget the work the whole root module may do, shared with its other evaluators
     */
    public Evaluator(Map<String, JsonNode> variables, Map<String, Expression> locals, Map<String, JsonNode> iteration,
            EvaluationBudget budget) {
        this(variables, locals, iteration, Map.of(), new HashMap<>(), new HashSet<>(), budget);
    }

    private Evaluator(Map<String, JsonNode> variables, Map<String, Expression> locals, Map<String, JsonNode> iteration,
            Map<String, JsonNode> names, Map<String, JsonNode> localValues, Set<String> localsInProgress,
            EvaluationBudget budget) {
        this.budget = budget;
        this.variables = Map.copyOf(variables);
        this.locals = Map.copyOf(locals);
        this.iteration = Map.copyOf(iteration);
        this.names = Map.copyOf(names);
        this.localValues = localValues;
        this.localsInProgress = localsInProgress;
    }

    /** The same module with {@code each} or {@code count} bound (one instance of a resource); locals are shared. */
    public Evaluator forInstance(Map<String, JsonNode> instance) {
        return new Evaluator(variables, locals, instance, names, localValues, localsInProgress, budget);
    }

    /** The same, with {@code name} bound too (a dynamic block's iterator). */
    public Evaluator withName(String name, JsonNode value) {
        Map<String, JsonNode> more = new HashMap<>(names);
        more.put(name, value);
        return new Evaluator(variables, locals, iteration, more, localValues, localsInProgress, budget);
    }

    /**
     * The value of {@code expression}: JSON, with {@link Unknown} leaves where it is not known statically. Never
     * throws for what the expression says: a refusal or a budget exceeded is an unknown that says so.
     */
    public JsonNode evaluate(Expression expression) {
        steps = 0;
        try {
            return eval(expression);
        } catch (Refused e) {
            return new Unknown("Terraform would refuse it: " + e.getMessage(), null).node();
        } catch (TooComplex e) {
            return new Unknown(e.getMessage(), null).node();
        }
    }

    JsonNode eval(Expression e) {
        step(1);
        if (e instanceof Expression.Literal l) {
            return literal(l.value());
        } else if (e instanceof Expression.Template t) {
            return template(t.parts());
        } else if (e instanceof Expression.Variable v) {
            return variable(v.name());
        } else if (e instanceof Expression.GetAttr g) {
            if (g.source() instanceof Expression.Variable v && isModuleScope(v.name())) {
                return v.name().equals("var") ? inputVariable(g.name()) : local(g.name());
            }
            return attribute(eval(g.source()), g.name());
        } else if (e instanceof Expression.Index i) {
            return index(eval(i.source()), eval(i.key()));
        } else if (e instanceof Expression.Splat s) {
            return splat(s);
        } else if (e instanceof Expression.SplatItem) {
            return splatItems.peek();
        } else if (e instanceof Expression.Call c) {
            return functions.call(c);
        } else if (e instanceof Expression.Conditional c) {
            return conditional(c);
        } else if (e instanceof Expression.Binary b) {
            return Operators.binary(b.operator(), eval(b.left()), eval(b.right()));
        } else if (e instanceof Expression.Unary u) {
            return Operators.unary(u.operator(), eval(u.operand()));
        } else if (e instanceof Expression.Tuple t) {
            ArrayNode items = NODES.arrayNode();
            t.items().forEach(item -> items.add(eval(item)));
            return items;
        } else if (e instanceof Expression.ObjectCons o) {
            return object(o);
        } else if (e instanceof Expression.ForExpr f) {
            return forExpression(f);
        }
        return eval(((Expression.Parenthesized) e).inner());
    }

    /** Counts work done outside {@link #eval} (elements a function walks), against the same budget. */
    void step(int count) {
        steps += count;
        if (steps > STEP_BUDGET || !budget.spend(count)) {
            throw new TooComplex();
        }
    }

    /** A string evaluation built, refused as too complex when longer than {@link #MAX_STRING_LENGTH}. */
    static CharSequence bounded(CharSequence text) {
        if (text.length() > MAX_STRING_LENGTH) {
            throw new TooComplex();
        }
        return text;
    }

    private static JsonNode literal(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        return value instanceof Boolean b ? NODES.booleanNode(b) : NODES.numberNode((BigDecimal) value);
    }

    /** The value a for expression or a dynamic block binds to {@code name}, or null. */
    private JsonNode boundValue(String name) {
        for (Map<String, JsonNode> scope : bound) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
        }
        return names.get(name);
    }

    /** {@code var} or {@code local} as the root of {@code var.x}/{@code local.x}, unless a binding hides it. */
    private boolean isModuleScope(String name) {
        return (name.equals("var") || name.equals("local")) && boundValue(name) == null;
    }

    private JsonNode variable(String name) {
        JsonNode bindingValue = boundValue(name);
        if (bindingValue != null) {
            return bindingValue;
        }
        switch (name) {
            case "var", "local" -> throw new Refused(name + " is used without naming one of its values ("
                    + name + ".NAME)");
            case "each", "count" -> {
                JsonNode value = iteration.get(name);
                if (value == null) {
                    throw new Refused(name + " is used where no " + (name.equals("each") ? "for_each" : "count")
                            + " is set");
                }
                return value;
            }
            default -> {
                return reference(name);
            }
        }
    }

    /** A reference Terraform resolves only at plan or apply time: a resource, data source, module, path, ... */
    private static JsonNode reference(String path) {
        String root = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
        String when = switch (root) {
            case "data" -> " is read at plan time";
            case "module" -> " is an output of a module ecr-guard does not evaluate here";
            case "path", "terraform", "self" -> " depends on where and how Terraform runs";
            default -> " is known after apply";
        };
        return new Unknown(path + when, "${" + path + "}").node();
    }

    private JsonNode inputVariable(String name) {
        JsonNode value = variables.get(name);
        return value != null ? value : new Unknown("var." + name + " has no value (give it in a .tfvars file or with "
                + "--var " + name + "=...)", "${var." + name + "}").node();
    }

    JsonNode attribute(JsonNode source, String name) {
        Unknown unknown = Unknown.of(source);
        if (unknown != null) {
            return stepped(unknown, "." + name);
        }
        if (source.isObject()) {
            JsonNode value = source.get(name);
            if (value == null) {
                throw new Refused("an object has no attribute \"" + name + "\"");
            }
            return value;
        }
        throw new Refused("attribute \"" + name + "\" of a value that is " + Operators.typeName(source));
    }

    private JsonNode local(String name) {
        JsonNode known = localValues.get(name);
        if (known != null) {
            return known;
        }
        Expression expression = locals.get(name);
        if (expression == null) {
            throw new Refused("local." + name + " is not declared");
        }
        if (!localsInProgress.add(name)) {
            throw new Refused("local." + name + " refers to itself");
        }
        Deque<Map<String, JsonNode>> outerBindings = new ArrayDeque<>(bound);
        bound.clear(); // a local sees no for-expression variables of where it is used
        try {
            JsonNode value = eval(expression);
            localValues.put(name, value);
            return value;
        } finally {
            bound.addAll(outerBindings);
            localsInProgress.remove(name);
        }
    }

    /** An unknown reference one step further ({@code aws_ecr_repository.app} then {@code .repository_url}). */
    private static JsonNode stepped(Unknown unknown, String step) {
        Matcher m = unknown.text() == null ? null : REFERENCE.matcher(unknown.text());
        if (m == null || !m.matches()) {
            return new Unknown(unknown.why(), null).node();
        }
        String path = m.group(1);
        JsonNode asReference = reference(path);
        // A reference names its whole path; another unknown (a variable without a value) keeps saying why.
        return Unknown.of(asReference).why().equals(unknown.why()) ? reference(path + step)
                : new Unknown(unknown.why(), "${" + path + step + "}").node();
    }

    JsonNode index(JsonNode source, JsonNode key) {
        Unknown unknown = Unknown.of(source);
        if (unknown != null) {
            return Unknown.of(key) == null && (key.isTextual() || key.isNumber())
                    ? stepped(unknown, key.isTextual() ? "[\"" + key.asText() + "\"]" : "[" + key.asText() + "]")
                    : new Unknown(unknown.why(), null).node();
        }
        Unknown unknownKey = Unknown.of(key);
        if (unknownKey != null) {
            return new Unknown(unknownKey.why(), null).node();
        }
        if (source.isArray()) {
            BigDecimal n = Operators.number(key);
            int i;
            try {
                i = n.intValueExact();
            } catch (ArithmeticException e) {
                throw new Refused("a list index that is not a whole number");
            }
            if (i < 0 || i >= source.size()) {
                throw new Refused("index " + i + " of a list of " + source.size());
            }
            return source.get(i);
        }
        if (source.isObject()) {
            String name = Operators.string(key);
            JsonNode value = source.get(name);
            if (value == null) {
                throw new Refused("no key \"" + name + "\" in a map");
            }
            return value;
        }
        throw new Refused("an index into a value that is " + Operators.typeName(source));
    }

    private JsonNode splat(Expression.Splat s) {
        JsonNode source = eval(s.source());
        Unknown unknown = Unknown.of(source);
        if (unknown != null) {
            return new Unknown(unknown.why(), null).node();
        }
        List<JsonNode> elements = new ArrayList<>();
        if (source.isArray()) {
            source.forEach(elements::add);
        } else if (!source.isNull()) {
            elements.add(source); // a splat of a single value makes a list of one
        }
        ArrayNode result = NODES.arrayNode();
        for (JsonNode element : elements) {
            splatItems.push(element);
            try {
                result.add(eval(s.each()));
            } finally {
                splatItems.pop();
            }
        }
        return result;
    }

    private JsonNode conditional(Expression.Conditional c) {
        JsonNode condition = eval(c.condition());
        Unknown unknown = Unknown.of(condition);
        if (unknown != null) {
            JsonNode whenTrue = eval(c.whenTrue());
            JsonNode whenFalse = eval(c.whenFalse());
            if (Unknown.within(whenTrue) == null && Operators.equal(whenTrue, whenFalse)) {
                return whenTrue;
            }
            return new Unknown("a condition that is not known statically (" + unknown.why() + ")", null).node();
        }
        return Operators.bool(condition) ? eval(c.whenTrue()) : eval(c.whenFalse());
    }

    private JsonNode template(List<TemplatePart> parts) {
        if (parts.size() == 1 && parts.get(0) instanceof TemplatePart.Interpolation only) {
            return eval(only.expression()); // "${x}" is x itself, of any type
        }
        StringBuilder text = new StringBuilder();
        Unknown[] firstUnknown = new Unknown[1];
        boolean[] partial = {true};
        render(parts, text, firstUnknown, partial);
        if (firstUnknown[0] != null) {
            return new Unknown(firstUnknown[0].why(), partial[0] ? bounded(text).toString() : null).node();
        }
        return NODES.textNode(bounded(text).toString());
    }

    /** Renders template parts; an unknown interpolation is written back as ${...} when it is a reference. */
    private void render(List<TemplatePart> parts, StringBuilder text, Unknown[] firstUnknown, boolean[] partial) {
        for (TemplatePart part : parts) {
            bounded(text);
            if (part instanceof TemplatePart.Text t) {
                text.append(t.text());
            } else if (part instanceof TemplatePart.Interpolation i) {
                JsonNode value = eval(i.expression());
                Unknown unknown = Unknown.within(value);
                if (unknown != null) {
                    if (firstUnknown[0] == null) {
                        firstUnknown[0] = unknown;
                    }
                    if (Unknown.of(value) != null && unknown.text() != null) {
                        text.append(unknown.text());
                    } else {
                        partial[0] = false;
                    }
                } else {
                    text.append(Operators.string(value));
                }
            } else if (part instanceof TemplatePart.If f) {
                JsonNode condition = eval(f.condition());
                Unknown unknown = Unknown.of(condition);
                if (unknown != null) {
                    if (firstUnknown[0] == null) {
                        firstUnknown[0] = unknown;
                    }
                    partial[0] = false;
                    continue;
                }
                render(Operators.bool(condition) ? f.then() : f.otherwise(), text, firstUnknown, partial);
            } else if (part instanceof TemplatePart.For f) {
                JsonNode collection = eval(f.collection());
                Unknown unknown = Unknown.within(collection);
                if (unknown != null) {
                    if (firstUnknown[0] == null) {
                        firstUnknown[0] = unknown;
                    }
                    partial[0] = false;
                    continue;
                }
                for (Map.Entry<JsonNode, JsonNode> element : elements(collection)) {
                    bound.push(bindings(f.keyVariable(), f.valueVariable(), element));
                    try {
                        render(f.body(), text, firstUnknown, partial);
                    } finally {
                        bound.pop();
                    }
                }
            }
        }
    }

    private JsonNode object(Expression.ObjectCons o) {
        ObjectNode result = NODES.objectNode();
        for (Expression.ObjectItem item : o.items()) {
            JsonNode key = eval(item.key());
            Unknown unknown = Unknown.of(key);
            if (unknown != null) {
                return new Unknown("an object key that is not known statically (" + unknown.why() + ")", null).node();
            }
            // a key given twice takes its last value, as in Terraform (terraform console: {a = 1, a = 2} is {a = 2})
            result.set(Operators.string(key), eval(item.value()));
        }
        return result;
    }

    private JsonNode forExpression(Expression.ForExpr f) {
        JsonNode collection = eval(f.collection());
        Unknown unknown = Unknown.within(collection);
        if (unknown != null) {
            return new Unknown("a for expression over a collection that is not known statically (" + unknown.why()
                    + ")", null).node();
        }
        ArrayNode list = NODES.arrayNode();
        Map<String, JsonNode> object = new LinkedHashMap<>();
        for (Map.Entry<JsonNode, JsonNode> element : elements(collection)) {
            bound.push(bindings(f.keyVariable(), f.valueVariable(), element));
            try {
                if (f.condition() != null) {
                    JsonNode keep = eval(f.condition());
                    Unknown unknownCondition = Unknown.of(keep);
                    if (unknownCondition != null) {
                        return new Unknown("a for expression whose if is not known statically ("
                                + unknownCondition.why() + ")", null).node();
                    }
                    if (!Operators.bool(keep)) {
                        continue;
                    }
                }
                if (f.key() == null) {
                    list.add(eval(f.value()));
                    continue;
                }
                JsonNode key = eval(f.key());
                Unknown unknownKey = Unknown.of(key);
                if (unknownKey != null) {
                    return new Unknown("a for expression whose keys are not known statically (" + unknownKey.why()
                            + ")", null).node();
                }
                String name = Operators.string(key);
                JsonNode value = eval(f.value());
                if (f.grouping()) {
                    ((ArrayNode) object.computeIfAbsent(name, k -> NODES.arrayNode())).add(value);
                } else if (object.putIfAbsent(name, value) != null) {
                    throw new Refused("a for expression makes the key \"" + name + "\" twice (add ... to group)");
                }
            } finally {
                bound.pop();
            }
        }
        if (f.key() == null) {
            return list;
        }
        ObjectNode result = NODES.objectNode();
        object.forEach(result::set);
        return result;
    }

    /** The (key, value) pairs a for expression walks: index and element of a list, key and value of a map. */
    List<Map.Entry<JsonNode, JsonNode>> elements(JsonNode collection) {
        List<Map.Entry<JsonNode, JsonNode>> result = new ArrayList<>();
        if (collection.isArray()) {
            for (int i = 0; i < collection.size(); i++) {
                result.add(Map.entry(NODES.numberNode(new BigDecimal(i)), collection.get(i)));
            }
        } else if (collection.isObject()) {
            collection.fields().forEachRemaining(e -> result.add(Map.entry(NODES.textNode(e.getKey()), e.getValue())));
            result.sort(Map.Entry.comparingByKey((a, b) -> a.asText().compareTo(b.asText())));
        } else {
            throw new Refused("a for expression over a value that is " + Operators.typeName(collection));
        }
        step(result.size());
        return result;
    }

    private static Map<String, JsonNode> bindings(String keyVariable, String valueVariable,
            Map.Entry<JsonNode, JsonNode> element) {
        Map<String, JsonNode> names = new HashMap<>();
        if (keyVariable != null) {
            names.put(keyVariable, element.getKey());
        }
        names.put(valueVariable, element.getValue());
        return names;
    }

    /** Numbers keep Terraform's precision: arbitrary, rounded only where division needs it. */
    static final MathContext PRECISION = MathContext.DECIMAL128;
}
