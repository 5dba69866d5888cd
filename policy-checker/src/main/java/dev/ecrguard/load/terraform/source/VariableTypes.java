package dev.ecrguard.load.terraform.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.hcl.Expression;
import java.util.List;
import java.util.Map;

/**
 * A variable's value converted to its declared {@code type}, as Terraform converts it before the module sees it:
 * {@code "true"} to a bool, {@code "3"} to a number, a number to a string, an object to the attributes its object
 * type declares, with the defaults of {@code optional(type, default)} filled in. This matters for verdicts: a
 * module that reads {@code var.settings.image_tag_mutability} of an {@code optional(string, "IMMUTABLE")} attribute
 * gets IMMUTABLE when the caller leaves it out. A value Terraform would refuse is an {@link Unknown} saying so; a type
 * this does not know ({@code any}, a tuple) leaves the value as it is.
 */
final class VariableTypes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Expression ANY = new Expression.Variable("any", null);

    private VariableTypes() {}

    /**
     * @param type the {@code type} argument's expression, or null when the variable declares none
     * @param value the value given (may hold unknowns)
     * @param evaluator evaluates an {@code optional} attribute's default
     * @param variable the variable's name, for messages
     */
    static JsonNode convert(Expression type, JsonNode value, Evaluator evaluator, String variable) {
        if (type == null) {
            return value;
        }
        try {
            return convert(type, value, evaluator);
        } catch (Evaluator.Refused e) {
            return new Unknown("Terraform would refuse the value of var." + variable + ": " + e.getMessage(), null)
                    .node();
        }
    }

    /** Whether a type is Terraform's {@code string} (a command-line value of it is taken as text, not parsed). */
    static boolean isString(Expression type) {
        return type == null || name(type).equals("string");
    }

    private static JsonNode convert(Expression type, JsonNode value, Evaluator evaluator) {
        if (value.isNull() || Unknown.of(value) != null) {
            return value;
        }
        String name = name(type);
        List<Expression> arguments = type instanceof Expression.Call c ? c.arguments() : List.of();
        if (arguments.isEmpty() && (name.equals("list") || name.equals("set") || name.equals("map"))) {
            arguments = List.of(ANY); // Terraform 0.11's bare list and map: of any element type
        }
        switch (name) {
            case "string" -> {
                return value.isTextual() ? value : NODES.textNode(Operators.string(value));
            }
            case "number" -> {
                return value.isNumber() ? value : NODES.numberNode(Operators.number(value));
            }
            case "bool" -> {
                return value.isBoolean() ? value : NODES.booleanNode(Operators.bool(value));
            }
            case "list", "set" -> {
                if (!value.isArray() || arguments.size() != 1) {
                    throw refused(value, name);
                }
                ArrayNode items = NODES.arrayNode();
                for (JsonNode item : value) {
                    items.add(convert(arguments.get(0), item, evaluator));
                }
                return items;
            }
            case "map" -> {
                if (!value.isObject() || arguments.size() != 1) {
                    throw refused(value, name);
                }
                ObjectNode entries = NODES.objectNode();
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    entries.set(entry.getKey(), convert(arguments.get(0), entry.getValue(), evaluator));
                }
                return entries;
            }
            case "object" -> {
                if (!value.isObject() || arguments.size() != 1
                        || !(arguments.get(0) instanceof Expression.ObjectCons attributes)) {
                    throw refused(value, name);
                }
                return object(attributes, value, evaluator);
            }
            default -> {
                return value; // any, tuple, or what this does not know: as given
            }
        }
    }

    /** An object of the declared attributes only; a missing optional one gets its default (or null). */
    private static JsonNode object(Expression.ObjectCons attributes, JsonNode value, Evaluator evaluator) {
        ObjectNode result = NODES.objectNode();
        for (Expression.ObjectItem item : attributes.items()) {
            String attribute = keyName(item.key());
            if (attribute == null) {
                return value; // not a type Terraform accepts; judge the value as given
            }
            Expression attributeType = item.value();
            boolean optional = attributeType instanceof Expression.Call c && c.name().equals("optional");
            Expression declared = optional ? ((Expression.Call) attributeType).arguments().get(0) : attributeType;
            JsonNode given = value.get(attribute);
            if (given == null || given.isNull() && optional) {
                if (!optional) {
                    throw new Evaluator.Refused("attribute \"" + attribute + "\" is required");
                }
                List<Expression> optionalArguments = ((Expression.Call) attributeType).arguments();
                given = optionalArguments.size() > 1 ? evaluator.evaluate(optionalArguments.get(1))
                        : NullNode.getInstance();
            }
            result.set(attribute, convert(declared, given, evaluator));
        }
        return result;
    }

    private static String name(Expression type) {
        if (type instanceof Expression.Variable v) {
            return v.name();
        }
        if (type instanceof Expression.Call c) {
            return c.name();
        }
        if (type instanceof Expression.Template t && t.literal() != null) {
            return t.literal(); // Terraform 0.11's quoted "string", "list", "map"
        }
        return "";
    }

    private static String keyName(Expression key) {
        if (key instanceof Expression.Variable v) {
            return v.name();
        }
        return key instanceof Expression.Template t ? t.literal() : null;
    }

    private static Evaluator.Refused refused(JsonNode value, String type) {
        return new Evaluator.Refused("a " + type + " is required, but the value is " + Operators.typeName(value));
    }
}
