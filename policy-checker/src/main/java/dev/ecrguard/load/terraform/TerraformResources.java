package dev.ecrguard.load.terraform;

import dev.ecrguard.load.ImageReference;
import dev.ecrguard.load.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.model.CreationTemplate;
import dev.ecrguard.model.Location;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.RegistryScanning;
import dev.ecrguard.model.Repository;
import dev.ecrguard.model.Value;
import dev.ecrguard.model.Waiver;
import dev.ecrguard.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Maps Terraform resources (from plans, states and JSON configuration) onto the model. */
final class TerraformResources {
    static final String REPOSITORY = "aws_ecr_repository";
    static final String CREATION_TEMPLATE = "aws_ecr_repository_creation_template";
    static final String REGISTRY_SCANNING = "aws_ecr_registry_scanning_configuration";
    static final String ECS_TASK = "aws_ecs_task_definition";
    static final String LAMBDA = "aws_lambda_function";
    static final String BATCH_JOB = "aws_batch_job_definition";
    static final String APP_RUNNER = "aws_apprunner_service";

    private static final String FILTER_BLOCK = "image_tag_mutability_exclusion_filter";

    /**
     * The top-level attributes {@link #add} reads of each type judged. A plan's stream builds only these of a judged
     * resource and only tokenizes the rest (a function's environment, a task's tags); reading another one fails
     * ({@link TerraformAttributes#readingOnly}), so a new attribute cannot be read without being listed here.
     */
    static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            REPOSITORY, Set.of("name", "image_tag_mutability", FILTER_BLOCK, "image_scanning_configuration",
                    "force_delete"),
            CREATION_TEMPLATE, Set.of("prefix", "applied_for", "image_tag_mutability", FILTER_BLOCK),
            REGISTRY_SCANNING, Set.of("scan_type", "rule"),
            ECS_TASK, Set.of("container_definitions"),
            LAMBDA, Set.of("image_uri"),
            BATCH_JOB, Set.of("container_properties"),
            APP_RUNNER, Set.of("source_configuration"));

    static final Set<String> JUDGED_TYPES = ATTRIBUTES.keySet();

    private TerraformResources() {}

    /**
     * Adds one resource to the model.
     *
     * @param before the attributes before an update (plans only), or null
     * @param repositoryOf maps a placeholder target such as {@code aws_ecr_repository.app} to a repository id
     */
    static void add(Model.Builder model, String type, String id, TerraformAttributes all, TerraformAttributes allBefore,
            Location location, List<Waiver> waivers, Function<String, String> repositoryOf) {
        Set<String> read = ATTRIBUTES.get(type);
        if (read == null) {
            return;
        }
        TerraformAttributes attrs = all.readingOnly(read);
        TerraformAttributes before = allBefore == null ? null : allBefore.readingOnly(read);
        switch (type) {
            case REPOSITORY -> model.add(new Repository(id, type,
                    attrs.scalar("name"),
                    attrs.scalar("image_tag_mutability"),
                    attrs.blockStrings(FILTER_BLOCK, "filter"),
                    attrs.bool("image_scanning_configuration", "scan_on_push"),
                    attrs.bool("force_delete"),
                    before == null ? null : new Repository.Before(
                            before.scalar("image_tag_mutability"), before.blockStrings(FILTER_BLOCK, "filter")),
                    location, waivers));
            case CREATION_TEMPLATE -> model.add(new CreationTemplate(id, type,
                    attrs.scalar("prefix"),
                    attrs.stringList("applied_for"),
                    attrs.scalar("image_tag_mutability"),
                    attrs.blockStrings(FILTER_BLOCK, "filter"),
                    location, waivers));
            case REGISTRY_SCANNING -> model.add(new RegistryScanning(id, type,
                    attrs.scalar("scan_type"), scanningRules(attrs), location));
            case ECS_TASK -> model.add(new Workload(id, type,
                    containerImages(attrs.reference("container_definitions"), repositoryOf), location, waivers));
            case LAMBDA -> {
                Value uri = attrs.reference("image_uri");
                if (uri.state() == Value.State.ABSENT) {
                    return;
                }
                model.add(new Workload(id, type,
                        List.of(ImageReference.parse("image_uri", uri, repositoryOf)), location, waivers));
            }
            case BATCH_JOB -> {
                Value properties = attrs.reference("container_properties");
                if (properties.state() == Value.State.ABSENT) {
                    return;
                }
                model.add(new Workload(id, type,
                        List.of(embeddedImage(properties, "container_properties", repositoryOf)), location, waivers));
            }
            case APP_RUNNER -> {
                Value image = attrs.reference("source_configuration", "image_repository", "image_identifier");
                if (image.state() == Value.State.ABSENT) {
                    return;
                }
                model.add(new Workload(id, type,
                        List.of(ImageReference.parse("image_identifier", image, repositoryOf)), location, waivers));
            }
        }
    }

    private static Value scanningRules(TerraformAttributes attrs) {
        List<JsonNode> rules = attrs.blocks("rule");
        if (rules == null) {
            return Value.unknown("rule", "known after apply");
        }
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (JsonNode rule : rules) {
            TerraformAttributes r = TerraformAttributes.configured(rule);
            Value frequency = r.scalar("scan_frequency");
            Value filters = r.blockStrings("repository_filter", "filter");
            if (!frequency.isKnown() || filters.state() == Value.State.UNKNOWN) {
                return Value.unknown("rule", "a scanning rule is known after apply");
            }
            ObjectNode entry = result.addObject();
            entry.set("frequency", frequency.value());
            entry.set("filters", filters.isKnown() ? filters.value() : JsonNodeFactory.instance.arrayNode());
        }
        return Value.known(result, "rule", null);
    }

    /** ECS container definitions are a JSON string: one image per container. */
    private static List<Workload.Image> containerImages(Value definitions, Function<String, String> repositoryOf) {
        List<Workload.Image> images = new ArrayList<>();
        if (definitions.state() == Value.State.ABSENT) {
            return images;
        }
        JsonNode parsed = definitions.isKnown() ? parseJsonValue(definitions.value()) : null;
        if (parsed == null || !parsed.isArray()) {
            String why = !definitions.isKnown() ? definitions.why()
                    : TerraformAttributes.containsInterpolation(definitions.value())
                            ? "interpolation " + definitions.value().asText() : "container_definitions is not a JSON list";
            images.add(Workload.Image.unsplit("*", Value.unknown("container_definitions", why)));
            return images;
        }
        for (JsonNode container : parsed) {
            String name = container.path("name").asText("?");
            images.add(ImageReference.parse(name, imageValue(container.path("image"), "container_definitions"),
                    repositoryOf));
        }
        return images;
    }

    private static Workload.Image embeddedImage(Value properties, String attribute, Function<String, String> repositoryOf) {
        JsonNode parsed = properties.isKnown() ? parseJsonValue(properties.value()) : null;
        if (parsed == null) {
            String why = !properties.isKnown() ? properties.why()
                    : TerraformAttributes.containsInterpolation(properties.value())
                            ? "interpolation " + properties.value().asText() : attribute + " is not JSON";
            return Workload.Image.unsplit(attribute, Value.unknown(attribute, why));
        }
        return ImageReference.parse(attribute, imageValue(parsed.path("image"), attribute), repositoryOf);
    }

    private static Value imageValue(JsonNode image, String attribute) {
        return image.isTextual() ? Value.known(image, attribute, null) : Value.absent(attribute);
    }

    /** A JSON-encoded string, or (in JSON configuration) an already structured value. */
    private static JsonNode parseJsonValue(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return text.startsWith("${") ? null : Json.parseEmbedded(text);
        }
        return node.isContainerNode() ? node : null;
    }
}
