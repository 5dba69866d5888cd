package dev.ecrguard.load.cloudformation;

import dev.ecrguard.load.AssemblyFiles;
import dev.ecrguard.load.Document;
import dev.ecrguard.load.DocumentReader;
import dev.ecrguard.load.InputError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Follows an {@code AWS::CloudFormation::Stack} to its template when that template is a file beside the parent (in a
 * CDK cloud assembly, named by the {@code aws:asset:path} metadata), passing the parent's {@code Parameters} in.
 * In a cloud assembly, a template path that leaves the assembly folder, or names no file, is an input error: an
 * assembly must not make ecr-guard read other files, nor hide a stack. Beside a lone template, a nested template
 * is read when it is a file in the template's folder, and otherwise left alone (it is usually an S3 URL).
 */
final class NestedStacks {
    private static final int MAX_DEPTH = 20;
    private static final String NESTED_SUFFIX = ".nested.template.json";

    /** A nested stack's template, and where it sits. */
    record Nested(Document template, TemplateContext context) {}

    private NestedStacks() {}

    /**
     * The template a nested stack resource names, read, when it is to be followed.
     *
     * @return the template with its context, or empty when it is not followed (no file beside a lone template)
     */
    static Optional<Nested> find(Document parent, TemplateContext context, String logicalId, JsonNode resource,
            CloudFormationResolver resolver) {
        if (context.path() == null || context.boundary() == null) {
            return Optional.empty();
        }
        Integer line = parent.tree().lineOf(resource);
        String templateFile = templateFile(resource, resolver);
        if (templateFile == null && context.inAssembly()) {
            templateFile = fromAssetManifests(context.path().toAbsolutePath().getParent(), resource, resolver);
            if (templateFile == null) {
                throw new InputError(parent.file(), line, "nested stack " + logicalId + ": its template is neither "
                        + "named by aws:asset:path metadata nor listed in an asset manifest of the assembly");
            }
        }
        if (templateFile == null) {
            return Optional.empty();
        }
        Path boundary = context.boundary().toAbsolutePath().normalize();
        Path target = AssemblyFiles.named(context.path().toAbsolutePath().getParent(), templateFile, parent.file(),
                "nested stack " + logicalId);
        // a symbolic link is followed only when it stays inside the folder
        boolean inside = target.startsWith(boundary) && Files.isRegularFile(target)
                && AssemblyFiles.inside(boundary, target);
        if (!context.inAssembly() && !inside) {
            return Optional.empty();
        }
        if (!target.startsWith(boundary)) {
            throw new InputError(parent.file(), line, "nested stack " + logicalId + " names a template outside "
                    + "the folder " + context.boundary() + ": " + templateFile);
        }
        if (!Files.isRegularFile(target)) {
            throw new InputError(parent.file(), line, "nested stack " + logicalId + " names a template that is not "
                    + "there: " + templateFile);
        }
        if (!inside) {
            throw new InputError(parent.file(), line, "nested stack " + logicalId + " names a symbolic link that "
                    + "leads outside the folder " + context.boundary() + ": " + templateFile);
        }
        if (context.depth() >= MAX_DEPTH) {
            throw new InputError(parent.file(), line, "nested stacks go more than " + MAX_DEPTH + " levels deep");
        }
        context.nestedTemplates().add(target);
        String display = Path.of(parent.file()).resolveSibling(templateFile).normalize().toString();
        Document child = DocumentReader.read(target, display).requireObject();
        if (!CloudFormationShape.isTemplate(child)) {
            throw new InputError(display, "nested stack " + logicalId + " of " + parent.file()
                    + " is not a CloudFormation template");
        }
        // in a cloud assembly, named by the template's file name, so that the id does not depend on which folder was
        // named on the command line (cdk.out or its stage assembly-Prod)
        String relative = context.inAssembly() ? target.getFileName().toString() : boundary.relativize(target).toString();
        return Optional.of(new Nested(child, new TemplateContext(
                parameters(resolver, resolver.get(resolver.resolve(resource.get("Properties")), "Parameters")),
                idPrefix(relative), target, context.boundary(), context.inAssembly(),
                context.acknowledgements(), context.nestedTemplates(), context.depth() + 1)));
    }

    /** A nested stack's resources are named by its template file, without the CDK's suffix. */
    private static String idPrefix(String templateFile) {
        String name = templateFile.endsWith(NESTED_SUFFIX)
                ? templateFile.substring(0, templateFile.length() - NESTED_SUFFIX.length()) : templateFile;
        return name + "/";
    }

    private static String templateFile(JsonNode resource, CloudFormationResolver resolver) {
        JsonNode assetPath = resource.path("Metadata").path("aws:asset:path");
        if (assetPath.isTextual()) {
            return assetPath.asText();
        }
        // a SAM application names its template by Location (a file, or an application of the Serverless Repository)
        String property = "AWS::Serverless::Application".equals(resource.path("Type").asText()) ? "Location" : "TemplateURL";
        String url = CloudFormationResolver.scalarText(
                resolver.get(resolver.resolve(resource.get("Properties")), property));
        return url != null && !url.contains("://") ? url : null;
    }

    /**
     * Without asset metadata (an app synthesized by {@code app.synth()} outside the CDK CLI), the TemplateURL is an S3
     * URL ending in the asset's hash; the assembly's {@code *.assets.json} maps that hash to the template file.
     */
    private static String fromAssetManifests(Path folder, JsonNode resource, CloudFormationResolver resolver) {
        Resolved url = resolver.get(resolver.resolve(resource.get("Properties")), "TemplateURL");
        if (!(url instanceof Resolved.Known k) || !k.node().isTextual()) {
            return null;
        }
        String text = k.node().asText();
        String hash = text.substring(text.lastIndexOf('/') + 1).replaceFirst("\\.json$", "");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path manifest : files.filter(f -> f.getFileName().toString().endsWith(".assets.json")
                    && AssemblyFiles.inside(folder, f)).sorted().toList()) {
                JsonNode source = DocumentReader.read(manifest, manifest.getFileName().toString()).requireObject().root()
                        .path("files").path(hash).path("source");
                if (source.path("path").isTextual() && "file".equals(source.path("packaging").asText("file"))) {
                    return source.path("path").asText();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static Map<String, Resolved> parameters(CloudFormationResolver resolver, Resolved given) {
        Map<String, Resolved> values = new HashMap<>();
        if (given instanceof Resolved.Known k && k.node().isObject()) {
            k.node().fieldNames().forEachRemaining(name -> {
                Resolved v = resolver.get(given, name);
                if (v instanceof Resolved.Absent) {
                    return;
                }
                values.put(name, v instanceof Resolved.Known known && known.symbolic()
                        ? new Resolved.Unknown("passed by the parent stack: " + known.node().asText(), null) : v);
            });
        }
        return values;
    }
}
