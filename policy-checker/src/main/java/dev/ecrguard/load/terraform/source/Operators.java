package dev.ecrguard.load.terraform.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecrguard.hcl.Expression;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/** Terraform's operators and its automatic conversions between strings, numbers and bools. */
final class Operators {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Operators() {}

    static JsonNode binary(Expression.Operator operator, JsonNode left, JsonNode right) {
        Unknown unknown = Unknown.of(left) != null ? Unknown.of(left) : Unknown.of(right);
        if (unknown != null) {
            return new Unknown(unknown.why(), null).node();
        }
        return switch (operator) {
            case OR -> NODES.booleanNode(bool(left) || bool(right));
            case AND -> NODES.booleanNode(bool(left) && bool(right));
            case EQUAL, NOT_EQUAL -> {
                Unknown inside = Unknown.within(left) != null ? Unknown.within(left) : Unknown.within(right);
                if (inside != null) {
                    yield new Unknown(inside.why(), null).node();
                }
                yield NODES.booleanNode(equal(left, right) == (operator == Expression.Operator.EQUAL));
            }
            case LESS -> NODES.booleanNode(number(left).compareTo(number(right)) < 0);
            case LESS_OR_EQUAL -> NODES.booleanNode(number(left).compareTo(number(right)) <= 0);
            case GREATER -> NODES.booleanNode(number(left).compareTo(number(right)) > 0);
            case GREATER_OR_EQUAL -> NODES.booleanNode(number(left).compareTo(number(right)) >= 0);
            case ADD -> NODES.numberNode(number(left).add(number(right)));
            case SUBTRACT -> NODES.numberNode(number(left).subtract(number(right)));
            case MULTIPLY -> NODES.numberNode(number(left).multiply(number(right)));
            case DIVIDE -> {
                if (number(right).signum() == 0) {
                    // terraform console: 1 / 0 is +Inf, 0 / 0 an error; JSON has no infinity, the model holds none
                    if (number(left).signum() == 0) {
                        throw new Evaluator.Refused("0 / 0 is not a number");
                    }
                    yield new Unknown("an infinite number (a division by zero), which ecr-guard does not evaluate",
                            null).node();
                }
                yield NODES.numberNode(number(left).divide(number(right), Evaluator.PRECISION));
            }
            // terraform console: x % 0 is x
            case MODULO -> number(right).signum() == 0 ? NODES.numberNode(number(left))
                    : NODES.numberNode(number(left).remainder(number(right)));
            default -> throw new IllegalArgumentException(operator + " is not binary");
        };
    }

    static JsonNode unary(Expression.Operator operator, JsonNode operand) {
        Unknown unknown = Unknown.of(operand);
        if (unknown != null) {
            return new Unknown(unknown.why(), null).node();
        }
        return operator == Expression.Operator.NOT ? NODES.booleanNode(!bool(operand))
                : NODES.numberNode(number(operand).negate());
    }

    /** A bool, or a string "true"/"false" converted as Terraform converts it. */
    static boolean bool(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.textValue().equals("true") || value.textValue().equals("false"))) {
            return value.textValue().equals("true");
        }
        throw new Evaluator.Refused("a bool is needed, but the value is " + typeName(value));
    }

    /** A number, or a string that is one. */
    static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.textValue().strip());
            } catch (NumberFormatException e) {
                throw new Evaluator.Refused("a number is needed, but the string is not one");
            }
        }
        throw new Evaluator.Refused("a number is needed, but the value is " + typeName(value));
    }

    /** A string, or a number or bool converted to one. */
    static String string(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            BigDecimal n = value.decimalValue();
            return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
        }
        if (value.isBoolean()) {
            return String.valueOf(value.booleanValue());
        }
        throw new Evaluator.Refused("a string is needed, but the value is " + typeName(value));
    }

    /** Terraform's equality: numbers by value, collections element by element. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !equal(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.getNodeType() == b.getNodeType() && a.equals(b);
    }

    static String typeName(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        return value.isBoolean() ? "a bool" : "not a value";
    }
}
