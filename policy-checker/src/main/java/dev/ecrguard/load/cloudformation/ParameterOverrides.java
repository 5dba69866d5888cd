package dev.ecrguard.load.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a deploy can give a template's parameters instead of the ones in use: every other entry of a parameter's
 * {@code AllowedValues}, or any value when it has none. Parameters given on the command line (or by a parent stack)
 * are settled and have none. The loader reads a setting again with each alternative to tell the rules what a deploy
 * could get (rules.md: a parameter whose value in use is not flagged but a deploy could choose one that is).
 *
 * <p>Each parameter is varied on its own, the others keeping their values in use.
 */
final class ParameterOverrides {
    /** Beyond this many AllowedValues, a parameter is treated as accepting any value (bounds the work per setting). */
    private static final int MAX_ALTERNATIVES = 50;
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!.][^}.]*)}");

    /** One value a deploy can give a parameter: {@code given} is null for "any other value". */
    record Alternative(String parameter, String given, Resolved value) {
        String when() {
            return given == null ? parameter + " is set to another value" : parameter + "=" + given;
        }
    }

    private final String file;
    private final JsonNode template;
    private final Map<String, Resolved> parameterValues;
    private final Map<String, List<Alternative>> byParameter = new LinkedHashMap<>();
    private final Map<Alternative, CloudFormationResolver> resolvers = new HashMap<>();

    /**
     * @param file the template's name, for messages
     * @param template the template (loops expanded)
     * @param parameterValues the values given on the command line: they are settled
     */
    ParameterOverrides(String file, JsonNode template, Map<String, Resolved> parameterValues) {
        this.file = file;
        this.template = template;
        this.parameterValues = parameterValues;
        for (Map.Entry<String, JsonNode> entry : template.path("Parameters").properties()) {
            String name = entry.getKey();
            JsonNode parameter = entry.getValue();
            JsonNode defaultValue = parameter.get("Default");
            if (parameterValues.containsKey(name) || defaultValue == null || !defaultValue.isValueNode()
                    || parameter.path("Type").asText().startsWith("AWS::SSM::Parameter::Value")) {
                continue; // settled, or without a value in use (then already unknown)
            }
            byParameter.put(name, alternatives(name, defaultValue.asText(), parameter.path("AllowedValues")));
        }
    }

    private static List<Alternative> alternatives(String name, String inUse, JsonNode allowed) {
        List<Alternative> alternatives = new ArrayList<>();
        if (allowed.isArray() && !allowed.isEmpty() && allowed.size() <= MAX_ALTERNATIVES) {
            for (JsonNode value : allowed) {
                if (value.isValueNode() && !value.asText().equals(inUse)) {
                    alternatives.add(new Alternative(name, value.asText(),
                            new Resolved.Known(TextNode.valueOf(value.asText()), "Ref to parameter " + name
                                    + " set to " + value.asText() + " by a deploy", false)));
                }
            }
            return alternatives;
        }
        alternatives.add(new Alternative(name, null, new Resolved.Unknown("Ref to parameter " + name
                + ", which a deploy can set to any value", "${" + name + "}")));
        return alternatives;
    }

    /** The alternatives of the parameters that {@code expression} refers to, directly or through conditions. */
    List<Alternative> relevant(JsonNode expression) {
        if (byParameter.isEmpty() || expression == null) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        referenced(expression, names, new HashSet<>());
        List<Alternative> relevant = new ArrayList<>();
        byParameter.forEach((name, alternatives) -> {
            if (names.contains(name)) {
                relevant.addAll(alternatives);
            }
        });
        return relevant;
    }

    /** The alternatives of the parameters a named condition depends on. */
    List<Alternative> relevantToCondition(String condition) {
        return relevant(JsonNodeFactory.instance.objectNode()
                .put("Condition", condition));
    }

    /** A resolver that reads the template with this alternative value (one per alternative, so conditions are cached). */
    CloudFormationResolver resolver(Alternative alternative) {
        return resolvers.computeIfAbsent(alternative, a -> {
            Map<String, Resolved> values = new HashMap<>(parameterValues);
            values.put(a.parameter(), a.value());
            return new CloudFormationResolver(file, template, values);
        });
    }

    private void referenced(JsonNode node, Set<String> names, Set<String> conditions) {
        if (node.isArray()) {
            node.forEach(item -> referenced(item, names, conditions));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case "Ref" -> names.add(value.asText());
                case "Condition" -> condition(value.asText(), names, conditions);
                case "Fn::If" -> condition(value.path(0).asText(), names, conditions);
                case "Fn::Sub" -> {
                    JsonNode text = value.isArray() ? value.path(0) : value;
                    Matcher m = SUB_VARIABLE.matcher(text.asText());
                    while (m.find()) {
                        names.add(m.group(1).trim());
                    }
                }
                default -> {
                }
            }
            referenced(value, names, conditions);
        }
    }

    private void condition(String name, Set<String> names, Set<String> conditions) {
        JsonNode expression = template.path("Conditions").get(name);
        if (expression != null && conditions.add(name)) {
            referenced(expression, names, conditions);
        }
    }
}
