package dev.ecrguard.load.cloudformation;

import dev.ecrguard.load.Document;
import dev.ecrguard.load.ImageReference;
import dev.ecrguard.load.InputError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ecrguard.model.ConditionalResource;
import dev.ecrguard.model.CreationTemplate;
import dev.ecrguard.model.Location;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.RegistryScanning;
import dev.ecrguard.model.Repository;
import dev.ecrguard.model.Value;
import dev.ecrguard.model.Waiver;
import dev.ecrguard.waivers.InlineWaivers;
import dev.ecrguard.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Loads a CloudFormation template (and the nested stack templates it names) into the model. */
final class CloudFormationLoader {
    private final Document doc;
    private final Model.Builder model;
    private final TemplateContext context;
    /** The template with its Fn::ForEach loops expanded; the file's own nodes where it has none. */
    private final LanguageExtensions.Expanded template;
    private final CloudFormationResolver resolver;
    /** What a deploy may give the parameters instead; null where they are settled (a nested stack, an alternative). */
    private final ParameterOverrides overrides;

    private CloudFormationLoader(Document doc, Model.Builder model, TemplateContext context) {
        this.doc = doc;
        this.model = model;
        this.context = context;
        this.template = LanguageExtensions.expand(doc, new CloudFormationResolver(doc.file(), doc.tree().root(), context.parameters()));
        this.resolver = new CloudFormationResolver(doc.file(), template.root(), context.parameters());
        // a nested stack's parameters are those its parent passes, and its defaults otherwise: no deploy changes them
        this.overrides = context.depth() == 0 ? new ParameterOverrides(doc.file(), template.root(), context.parameters()) : null;
    }

    /** Reads resources as a deploy that gives a parameter another value would get them. */
    private CloudFormationLoader(CloudFormationLoader base, Model.Builder model, CloudFormationResolver resolver) {
        this.doc = base.doc;
        this.model = model;
        this.context = base.context;
        this.template = base.template;
        this.resolver = resolver;
        this.overrides = null;
    }

    static void load(Document doc, Model.Builder model, TemplateContext context) {
        new CloudFormationLoader(doc, model, context).load();
    }

    private void load() {
        JsonNode resources = template.root().path("Resources");
        if (!resources.isObject()) {
            return;
        }
        rejectImageInSamGlobals();
        template.unexpanded().forEach(this::addUnexpandedLoop);
        for (Map.Entry<String, JsonNode> entry : resources.properties()) {
            JsonNode resource = entry.getValue();
            JsonNode condition = resource.get("Condition");
            if (condition != null && resolver.condition(condition.asText()) == CloudFormationResolver.Truth.FALSE) {
                addIfAnotherDeployMakesIt(entry.getKey(), resource, condition.asText());
                continue;
            }
            addResource(entry.getKey(), resource);
        }
    }

    private void addResource(String logicalId, JsonNode resource) {
        String type = resource.path("Type").asText();
        String id = context.idPrefix() + logicalId;
        JsonNode metadata = resource.path("Metadata");
        String constructPath = constructPath(metadata.path("aws:cdk:path"));
        Location location = new Location(doc.file(), doc.tree().lineOf(template.origin(resource)), constructPath);
        List<Waiver> waivers = InlineWaivers.fromCloudFormationMetadata(metadata);
        waivers.addAll(context.acknowledgements().apply(constructPath));
        Resolved properties = resolver.resolve(resource.get("Properties"));
        switch (type) {
            case "AWS::ECR::Repository" -> model.add(new Repository(id, type,
                    text(properties, "RepositoryName"),
                    mutability(resource, properties),
                    exclusionFilters(properties),
                    bool(resolver.get(properties, "ImageScanningConfiguration"), "ScanOnPush",
                            "ImageScanningConfiguration.ScanOnPush"),
                    bool(properties, "EmptyOnDelete", "EmptyOnDelete"),
                    null, location, waivers));
            case "AWS::ECR::RepositoryCreationTemplate" -> model.add(new CreationTemplate(id, type,
                    text(properties, "Prefix"),
                    value(resolver.get(properties, "AppliedFor"), "AppliedFor", Function.identity()),
                    mutability(resource, properties),
                    exclusionFilters(properties),
                    location, waivers));
            case "AWS::ECR::RegistryScanningConfiguration" -> model.add(new RegistryScanning(id, type,
                    text(properties, "ScanType"), scanningRules(properties), location));
            case "AWS::ECS::TaskDefinition" -> model.add(new Workload(id, type,
                    containerImages(properties), location, waivers));
            case "AWS::Lambda::Function" -> addSingleImage(id, type,
                    resolver.get(resolver.get(properties, "Code"), "ImageUri"), "Code.ImageUri", location, waivers);
            // SAM (Transform AWS::Serverless-2016-10-31) turns it into an AWS::Lambda::Function with Code.ImageUri,
            // unless PackageType says Zip: then SAM deploys CodeUri and ignores a stray ImageUri
            case "AWS::Serverless::Function" -> {
                if (!"Zip".equals(CloudFormationResolver.scalarText(resolver.get(properties, "PackageType")))) {
                    addSingleImage(id, type, resolver.get(properties, "ImageUri"), "ImageUri", location, waivers);
                }
            }
            case "AWS::Batch::JobDefinition" -> addSingleImage(id, type,
                    resolver.get(resolver.get(properties, "ContainerProperties"), "Image"), "ContainerProperties.Image",
                    location, waivers);
            case "AWS::AppRunner::Service" -> addSingleImage(id, type,
                    resolver.get(resolver.get(resolver.get(properties, "SourceConfiguration"), "ImageRepository"),
                            "ImageIdentifier"),
                    "SourceConfiguration.ImageRepository.ImageIdentifier", location, waivers);
            case "AWS::CloudFormation::Stack", "AWS::Serverless::Application" ->
                    NestedStacks.find(doc, context, logicalId, resource, resolver)
                            .ifPresent(nested -> load(nested.template(), model, nested.context()));
            default -> {
            }
        }
    }

    /**
     * A repository or creation template whose condition is false with the parameter values in use: each parameter value
     * a deploy may give instead that makes the condition true (or unknown) deploys it, read with that value.
     */
    private void addIfAnotherDeployMakesIt(String logicalId, JsonNode resource, String condition) {
        String type = resource.path("Type").asText();
        if (overrides == null || !type.equals("AWS::ECR::Repository") && !type.equals("AWS::ECR::RepositoryCreationTemplate")) {
            return;
        }
        for (ParameterOverrides.Alternative alternative : overrides.relevantToCondition(condition)) {
            CloudFormationResolver deploy = overrides.resolver(alternative);
            if (deploy.condition(condition) != CloudFormationResolver.Truth.FALSE) {
                Model.Builder alternativeModel = Model.builder();
                new CloudFormationLoader(this, alternativeModel, deploy).addResource(logicalId, resource);
                Model deployed = alternativeModel.build();
                deployed.repositories.forEach(r ->
                        model.add(new ConditionalResource(alternative.when(), r)));
                deployed.creationTemplates.forEach(t ->
                        model.add(new ConditionalResource(alternative.when(), t)));
            }
        }
    }

    /**
     * The tag mutability; when it is known, with what each parameter value a deploy may give instead would make it
     * (only those that change it).
     */
    private Value mutability(JsonNode resource, Resolved properties) {
        Value inUse = text(properties, "ImageTagMutability");
        if (overrides == null || !inUse.isKnown()) {
            return inUse;
        }
        List<Value.Override> found = new ArrayList<>();
        JsonNode condition = resource.get("Condition");
        for (ParameterOverrides.Alternative alternative : overrides.relevant(resource)) {
            CloudFormationResolver deploy = overrides.resolver(alternative);
            if (condition != null && deploy.condition(condition.asText()) == CloudFormationResolver.Truth.FALSE) {
                continue; // that deploy does not make the resource at all
            }
            Value other = value(deploy.get(deploy.resolve(resource.get("Properties")), "ImageTagMutability"),
                    "ImageTagMutability", Function.identity());
            if (!other.sameSetting(inUse)) {
                found.add(new Value.Override(alternative.parameter(), alternative.given(), other));
            }
        }
        return found.isEmpty() ? inUse : inUse.withOverrides(found);
    }

    /** The repositories of a loop that cannot be expanded: one resource, the loop, with nothing known about them. */
    private void addUnexpandedLoop(LanguageExtensions.Unexpanded loop) {
        String id = context.idPrefix() + loop.loop();
        String why = "the repositories of " + loop.loop() + " cannot be listed before deploy: " + loop.why();
        Location location = new Location(doc.file(), doc.tree().lineOf(loop.node()), null);
        Value mutability = Value.unknown("ImageTagMutability", why);
        Value filters = Value.unknown("ImageTagMutabilityExclusionFilters", why);
        if (loop.type().equals("AWS::ECR::Repository")) {
            model.add(new Repository(id, loop.type(), Value.unknown("RepositoryName", why), mutability,
                    filters, Value.unknown("ImageScanningConfiguration.ScanOnPush", why),
                    Value.unknown("EmptyOnDelete", why), null, location, new ArrayList<>()));
        } else {
            model.add(new CreationTemplate(id, loop.type(), Value.unknown("Prefix", why),
                    Value.unknown("AppliedFor", why), mutability, filters, location, new ArrayList<>()));
        }
    }

    /**
     * SAM's {@code Globals.Function} takes no image properties (SAM rejects the template), so none is read from there;
     * one that is written there anyway is an input error rather than an image nobody judged.
     */
    private void rejectImageInSamGlobals() {
        JsonNode globals = doc.tree().root().path("Globals").path("Function");
        List<String> written = List.of("PackageType", "ImageUri", "ImageConfig").stream().filter(globals::has).toList();
        if (!written.isEmpty()) {
            throw new InputError(doc.file(), doc.tree().lineOf(globals), "SAM does not accept "
                    + String.join(", ", written) + " in Globals.Function; set it on each AWS::Serverless::Function");
        }
    }

    /** The construct's path; an L2 construct's CloudFormation resource is its child {@code Resource}. */
    private static String constructPath(JsonNode cdkPath) {
        if (!cdkPath.isTextual()) {
            return null;
        }
        String path = cdkPath.asText();
        return path.endsWith("/Resource") ? path.substring(0, path.length() - "/Resource".length()) : path;
    }

    private Value text(Resolved properties, String property) {
        return value(resolver.get(properties, property), property, Function.identity());
    }

    /** A boolean property: CloudFormation reads the strings "true" and "false" as booleans. */
    private Value bool(Resolved parent, String property, String attribute) {
        return value(resolver.get(parent, property), attribute, CloudFormationLoader::asBoolean);
    }

    private static JsonNode asBoolean(JsonNode node) {
        if (node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return BooleanNode.valueOf(node.asText().equalsIgnoreCase("true"));
        }
        return node;
    }

    /** Turns a resolved expression into a model value; {@code normalize} adjusts a known value (booleans). */
    private static Value value(Resolved r, String attribute, Function<JsonNode, JsonNode> normalize) {
        if (r instanceof Resolved.Known k) {
            return k.symbolic()
                    ? Value.unknown(attribute, "depends on values known at deploy: " + k.node().asText()
                            + (k.why() == null ? "" : " (" + k.why() + ")"))
                    : Value.known(normalize.apply(k.node()), attribute, k.why());
        }
        if (r instanceof Resolved.Absent) {
            return Value.absent(attribute);
        }
        if (r instanceof Resolved.Unknown u) {
            return Value.unknown(attribute, u.why());
        }
        Resolved.Either either = (Resolved.Either) r;
        List<JsonNode> candidates = new ArrayList<>();
        for (Resolved option : CloudFormationResolver.options(either)) {
            Value v = value(option, attribute, normalize);
            if (v.state() == Value.State.UNKNOWN) {
                return Value.unknown(attribute, either.why() + "; " + v.why());
            }
            JsonNode candidate = v.isKnown() ? v.value() : null;
            if (candidates.stream().noneMatch(c -> Objects.equals(c, candidate))) {
                candidates.add(candidate);
            }
        }
        if (candidates.size() == 1) {
            JsonNode only = candidates.get(0);
            return only == null ? Value.absent(attribute) : Value.known(only, attribute, either.why());
        }
        return Value.unknown(attribute, either.why(), candidates);
    }

    private Value exclusionFilters(Resolved properties) {
        String attribute = "ImageTagMutabilityExclusionFilters";
        Resolved list = resolver.get(properties, attribute);
        if (!(list instanceof Resolved.Known k) || !k.node().isArray() || k.symbolic()) {
            Value v = value(list, attribute, Function.identity());
            return v.isKnown() ? Value.unknown(attribute, "not a list of filters") : v;
        }
        ArrayNode filters = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : k.node()) {
            Resolved filter = resolver.get(resolver.resolve(item), "ImageTagMutabilityExclusionFilterValue");
            String text = CloudFormationResolver.scalarText(filter);
            if (text == null) {
                return Value.unknown(attribute, "an exclusion filter is known only at deploy");
            }
            filters.add(text);
        }
        return filters.isEmpty() ? Value.absent(attribute) : Value.known(filters, attribute, null);
    }

    private Value scanningRules(Resolved properties) {
        Resolved rules = resolver.get(properties, "Rules");
        if (rules instanceof Resolved.Absent) {
            return Value.known(JsonNodeFactory.instance.arrayNode(), "Rules", null);
        }
        if (!(rules instanceof Resolved.Known k) || !k.node().isArray()) {
            return Value.unknown("Rules", "the scanning rules are known only at deploy");
        }
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : k.node()) {
            Resolved rule = resolver.resolve(item);
            String frequency = CloudFormationResolver.scalarText(resolver.get(rule, "ScanFrequency"));
            Resolved filters = resolver.get(rule, "RepositoryFilters");
            if (frequency == null || !(filters instanceof Resolved.Known f) || !f.node().isArray()) {
                return Value.unknown("Rules", "a scanning rule is known only at deploy");
            }
            ObjectNode entry = result.addObject();
            entry.put("frequency", frequency);
            ArrayNode names = entry.putArray("filters");
            for (JsonNode filter : f.node()) {
                String text = CloudFormationResolver.scalarText(resolver.get(resolver.resolve(filter), "Filter"));
                if (text == null) {
                    return Value.unknown("Rules", "a repository filter is known only at deploy");
                }
                names.add(text);
            }
        }
        return Value.known(result, "Rules", null);
    }

    private List<Workload.Image> containerImages(Resolved properties) {
        List<Workload.Image> images = new ArrayList<>();
        Resolved definitions = resolver.get(properties, "ContainerDefinitions");
        if (definitions instanceof Resolved.Absent) {
            return images;
        }
        if (!(definitions instanceof Resolved.Known k) || !k.node().isArray()) {
            images.add(Workload.Image.unsplit("*", value(definitions, "ContainerDefinitions", Function.identity())
                    .withAttribute("ContainerDefinitions")));
            return images;
        }
        for (JsonNode item : k.node()) {
            Resolved container = resolver.resolve(item);
            String name = CloudFormationResolver.scalarText(resolver.get(container, "Name"));
            images.add(image(name == null ? "?" : name, resolver.get(container, "Image"), "ContainerDefinitions.Image"));
        }
        return images;
    }

    private void addSingleImage(String id, String type, Resolved image, String attribute, Location location,
            List<Waiver> waivers) {
        if (image instanceof Resolved.Absent) {
            return;
        }
        model.add(new Workload(id, type, List.of(image(attribute, image, attribute)), location, waivers));
    }

    /** An image reference; a symbolic string keeps its placeholders so that the repository and tag can be read. */
    private Workload.Image image(String container, Resolved image, String attribute) {
        Value ref;
        if (image instanceof Resolved.Known k && k.node().isTextual()) {
            ref = Value.known(k.node(), attribute, k.why());
        } else if (image instanceof Resolved.Unknown u && u.placeholder() != null) {
            // a bare !GetAtt Repo.RepositoryUri is the repository with no tag, as "${Repo.RepositoryUri}" would be
            ref = Value.known(TextNode.valueOf(u.placeholder()), attribute, u.why());
        } else {
            ref = value(image, attribute, Function.identity());
        }
        JsonNode resources = template.root().path("Resources");
        return ImageReference.parse(container, ref, target -> "AWS::ECR::Repository".equals(
                resources.path(target).path("Type").asText()) ? context.idPrefix() + target : null);
    }
}
