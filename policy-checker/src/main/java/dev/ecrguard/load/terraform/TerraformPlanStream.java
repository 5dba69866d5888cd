package dev.ecrguard.load.terraform;

import dev.ecrguard.load.InputError;
import dev.ecrguard.load.Json;
import dev.ecrguard.load.TopLevelReader;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.Value;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Collects, while the parser streams through a plan or state, the resources of the types ecr-guard judges, each
 * turned into the model at once so that no tree of a large plan is held. Terraform writes {@code address},
 * {@code mode} and {@code type} before a resource's values, so the values of every other resource are skipped
 * without being built into a tree, and so are the attributes of a judged one that the model does not take.
 */
final class TerraformPlanStream implements TopLevelReader {
    /** The top-level keys that hold resources (or large data ecr-guard does not need). */
    static final Set<String> STREAMED_KEYS =
            Set.of("resource_changes", "planned_values", "values", "prior_state", "configuration", "resource_drift");

    private final String file;
    private final Model.Builder changes = Model.builder();
    private final Model.Builder plannedValues = Model.builder();
    private final Model.Builder stateValues = Model.builder();
    private boolean sawChanges;
    private boolean sawPlannedValues;
    private boolean sawValues;
    /** From {@code configuration.provider_config}; null until a plan's configuration is read. */
    private Value awsProviderVersion;

    TerraformPlanStream(String file) {
        this.file = file;
    }

    @Override
    public boolean claims(String key, ObjectNode rootSoFar) {
        return STREAMED_KEYS.contains(key);
    }

    @Override
    public void read(String key, JsonParser p) throws IOException {
        consume(key, p);
    }

    /**
     * A plan's {@code resource_changes}, the largest list of a plan: each element starts with its address and holds
     * its change within a few hundred bytes (an element of {@code planned_values} holds {@code values} instead).
     */
    @Override
    public SplittableList splittableList() {
        return new SplittableList("resource_changes", "{\"address\":\"", "\"change\":{");
    }

    @Override
    public void append(TopLevelReader twin) {
        TerraformPlanStream rest = (TerraformPlanStream) twin;
        changes.addAll(rest.changes.build());
        plannedValues.addAll(rest.plannedValues.build());
        stateValues.addAll(rest.stateValues.build());
        sawChanges |= rest.sawChanges;
        sawPlannedValues |= rest.sawPlannedValues;
        sawValues |= rest.sawValues;
        if (rest.awsProviderVersion != null) {
            awsProviderVersion = rest.awsProviderVersion;
        }
    }

    void consume(String key, JsonParser p) throws IOException {
        switch (key) {
            case "resource_changes" -> {
                sawChanges = true;
                readResources(p, changes, true, key);
            }
            case "planned_values" -> {
                sawPlannedValues = true;
                readValues(p, plannedValues, key);
            }
            case "values" -> {
                sawValues = true;
                readValues(p, stateValues, key);
            }
            case "configuration" -> readConfiguration(p);
            default -> p.skipChildren();
        }
    }

    boolean sawAnyKey() {
        return sawChanges || sawPlannedValues || sawValues;
    }

    boolean isPlan() {
        return sawChanges || sawPlannedValues;
    }

    /**
     * The resources to judge: each change that leaves a resource after apply, and every resource of the planned (or
     * state) values that no such change describes. A plan whose {@code resource_changes} is null, empty or partial
     * cannot hide what {@code planned_values} says will exist.
     */
    Model model() {
        Model model = resources();
        return isPlan() ? AwsProviderVersion.apply(model, awsProviderVersion) : model;
    }

    private Model resources() {
        Model values = (sawPlannedValues ? plannedValues : stateValues).build();
        if (!sawChanges) {
            return values;
        }
        Model changed = changes.build();
        Set<String> described = new HashSet<>();
        changed.repositories.forEach(r -> described.add(r.id()));
        changed.creationTemplates.forEach(t -> described.add(t.id()));
        changed.registryScanning.forEach(r -> described.add(r.id()));
        changed.workloads.forEach(w -> described.add(w.id()));
        Model.Builder merged = Model.builder().addAll(changed);
        values.repositories.stream().filter(r -> !described.contains(r.id())).forEach(merged::add);
        values.creationTemplates.stream().filter(t -> !described.contains(t.id())).forEach(merged::add);
        values.registryScanning.stream().filter(r -> !described.contains(r.id())).forEach(merged::add);
        values.workloads.stream().filter(w -> !described.contains(w.id())).forEach(merged::add);
        return merged.build();
    }

    /**
     * Reads the AWS provider's version constraint from {@code configuration.provider_config}; the rest is only
     * tokenized. Any JSON document may have a key {@code configuration} (only a plan's is used), so a shape that is
     * not a plan's is not an error here.
     */
    private void readConfiguration(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        awsProviderVersion = Value.absent(AwsProviderVersion.ATTRIBUTE);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() == JsonToken.START_OBJECT && field.equals("provider_config")) {
                awsProviderVersion = AwsProviderVersion.fromPlan(Json.readTree(p));
            } else {
                p.skipChildren();
            }
        }
    }

    private void readValues(JsonParser p, Model.Builder into, String key) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        expect(p, JsonToken.START_OBJECT, key);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("root_module")) {
                readModule(p, into, key + ".root_module");
            } else {
                p.skipChildren();
            }
        }
    }

    private void readModule(JsonParser p, Model.Builder into, String where) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        expect(p, JsonToken.START_OBJECT, where);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "resources" -> readResources(p, into, false, where + ".resources");
                case "child_modules" -> {
                    if (p.currentToken() == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    expect(p, JsonToken.START_ARRAY, where + ".child_modules");
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        readModule(p, into, where + ".child_modules[]");
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private void readResources(JsonParser p, Model.Builder into, boolean fromChanges, String where) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        expect(p, JsonToken.START_ARRAY, where);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT, where + "[]");
            int line = p.currentTokenLocation().getLineNr();
            ObjectNode resource = JsonNodeFactory.instance.objectNode();
            String type = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                Set<String> attributes = type == null ? null : TerraformResources.ATTRIBUTES.get(type);
                if (type != null && attributes == null) {
                    // The rest of a resource that is not judged is only tokenized: still checked as JSON, but no
                    // node is built.
                    p.skipChildren();
                } else if (value.isScalarValue()) {
                    resource.set(field, scalar(p));
                    if (field.equals("type")) {
                        type = resource.get("type").asText();
                    }
                } else if (attributes != null && field.equals("values")) {
                    resource.set(field, attributes(p, attributes));
                } else if (attributes != null && field.equals("change") && value == JsonToken.START_OBJECT) {
                    resource.set(field, change(p, attributes));
                } else {
                    resource.set(field, Json.readTree(p));
                }
            }
            String resourceType = TerraformResourceFields.type(file, line, resource.path("type"));
            if (TerraformResources.JUDGED_TYPES.contains(resourceType)) {
                StreamedResources.add(into, file, resource, line, fromChanges);
            }
        }
    }

    /**
     * A judged resource's change as {@link StreamedResources} reads it: its actions, and the attributes before, after
     * and unknown after apply, of which only those the model takes are built.
     */
    private static JsonNode change(JsonParser p, Set<String> attributes) throws IOException {
        ObjectNode change = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "before", "after", "after_unknown" -> change.set(field, attributes(p, attributes));
                case "actions" -> change.set(field, Json.readTree(p));
                default -> p.skipChildren();
            }
        }
        return change;
    }

    /**
     * The attributes of a judged resource that the model takes ({@link TerraformResources#ATTRIBUTES}) as a tree; the
     * others, such as a function's environment, are only tokenized, as the rest of a resource that is not judged is.
     */
    private static JsonNode attributes(JsonParser p, Set<String> taken) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return Json.readTree(p);
        }
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (taken.contains(name)) {
                attributes.set(name, Json.readTree(p));
            } else {
                p.skipChildren();
            }
        }
        return attributes;
    }

    /**
     * The scalar at the parser's token as a node, made directly: readTree per scalar sets up a deserialization
     * context each time, which cost more than half of building the model of a large plan. Numbers, rare at this
     * level, keep readTree's rules for ints, longs, big numbers and floats.
     */
    private static JsonNode scalar(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> JsonNodeFactory.instance.textNode(p.getText());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.instance;
            default -> Json.readTree(p);
        };
    }

    private void expect(JsonParser p, JsonToken token, String where) {
        if (p.currentToken() != token) {
            throw new InputError(file, p.currentTokenLocation().getLineNr(),
                    "'" + where + "' should be " + (token == JsonToken.START_ARRAY ? "a list" : "an object")
                            + " in a Terraform plan or state");
        }
    }
}
