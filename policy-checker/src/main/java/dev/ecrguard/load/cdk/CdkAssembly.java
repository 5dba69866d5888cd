package dev.ecrguard.load.cdk;

import dev.ecrguard.load.AssemblyFiles;
import dev.ecrguard.load.CdkAcknowledgements;
import dev.ecrguard.load.Document;
import dev.ecrguard.load.DocumentReader;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.cloudformation.CloudFormationLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecrguard.model.Model;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads a CDK cloud assembly ({@code cdk.out}): every {@code aws:cloudformation:stack} artifact of its
 * {@code manifest.json}, and every nested {@code cdk:cloud-assembly} (a stage, e.g. {@code assembly-Prod/}).
 * Resources are named {@code <stack artifact id>/<logical id>}.
 */
public final class CdkAssembly {
    private static final int MAX_DEPTH = 20;

    private CdkAssembly() {}

    /** Artifact types that deploy nothing themselves (cloud-assembly-schema's ArtifactType). */
    private static final Set<String> DESCRIPTIVE_TYPES = Set.of("none", "cdk:tree", "cdk:feature-flag-report");

    /**
     * @param read the files already read into the model; a stack template in it is not read again
     * @param covered receives the asset folders and bookkeeping files the assembly names, which a folder scan then
     *     leaves to it
     * @return how many stacks the assembly names, nested assemblies included
     */
    public static int load(Document manifest, Path folder, String display, Map<String, String> parameters,
            BiConsumer<Model, String> record, Set<Path> read, Set<Path> covered) {
        return load(manifest, folder, folder, display, parameters, record, read, covered, 0);
    }

    private static int load(Document manifest, Path boundary, Path folder, String display,
            Map<String, String> parameters, BiConsumer<Model, String> record, Set<Path> read, Set<Path> covered,
            int depth) {
        if (depth > MAX_DEPTH) {
            throw new InputError(manifest.file(), "cloud assemblies nest more than " + MAX_DEPTH + " levels deep");
        }
        JsonNode artifacts = manifest.tree().root().path("artifacts");
        if (!artifacts.isObject() && !artifacts.isNull()) {
            throw new InputError(manifest.file(), "'artifacts' should be an object in a cloud assembly manifest");
        }
        int stacks = 0;
        coverFile(JsonNodeFactory.instance.textNode("cdk.out"), boundary, folder, covered); // the version marker
        for (Map.Entry<String, JsonNode> entry : artifacts.properties()) {
            String id = entry.getKey();
            JsonNode artifact = entry.getValue();
            JsonNode properties = artifact.path("properties");
            String type = artifact.path("type").asText();
            switch (type) {
                case "aws:cloudformation:stack" -> {
                    stacks++;
                    coverFile(artifact.path("additionalMetadataFile"), boundary, folder, covered);
                    String templateFile = properties.path("templateFile").asText(null);
                    if (templateFile == null) {
                        throw new InputError(manifest.file(), "stack " + id + " has no templateFile");
                    }
                    Path template = AssemblyFiles.resolve(boundary, folder, templateFile, manifest.file(), "stack " + id);
                    if (!AssemblyFiles.firstRead(read, template)) {
                        continue;
                    }
                    String templateDisplay = AssemblyFiles.display(display, boundary, template);
                    Document doc = DocumentReader.read(template, templateDisplay);
                    if (doc.kind() != Document.Kind.CLOUDFORMATION) {
                        throw new InputError(templateDisplay, "stack " + id + " is not a CloudFormation template");
                    }
                    Set<Path> nestedTemplates = new HashSet<>();
                    Model.Builder fragment = Model.builder();
                    CloudFormationLoader.load(doc, fragment, new CloudFormationLoader.Context(
                            CloudFormationLoader.parameters(parameters, "--parameter"), id + "/", template, boundary,
                            true, CdkAcknowledgements.of(artifact, boundary, folder, manifest.file()), nestedTemplates,
                            0));
                    nestedTemplates.forEach(nested -> AssemblyFiles.firstRead(read, nested));
                    record.accept(fragment.build(), templateDisplay);
                }
                case "cdk:cloud-assembly" -> {
                    String directory = properties.path("directoryName").asText(null);
                    if (directory == null) {
                        throw new InputError(manifest.file(), "nested assembly " + id + " has no directoryName");
                    }
                    Path nested = AssemblyFiles.resolve(boundary, folder, directory, manifest.file(), "assembly " + id);
                    Path nestedManifest = AssemblyFiles.resolve(boundary, nested, "manifest.json", manifest.file(),
                            "assembly " + id);
                    Document doc = DocumentReader.read(nestedManifest,
                            AssemblyFiles.display(display, boundary, nestedManifest));
                    if (doc.kind() != Document.Kind.CDK_ASSEMBLY_MANIFEST) {
                        throw new InputError(doc.file(), "not a cloud assembly manifest");
                    }
                    stacks += load(doc, boundary, nested, display, parameters, record, read, covered, depth + 1);
                }
                case "cdk:asset-manifest" -> coverAssets(properties.path("file"), boundary, folder, covered);
                default -> {
                    if (!DESCRIPTIVE_TYPES.contains(type)) {
                        // an artifact ecr-guard does not know could deploy resources: never pass it over quietly
                        throw new InputError(manifest.file(), "artifact " + id + " has type \"" + type + "\", which "
                                + "ecr-guard does not know, so it cannot tell what it deploys");
                    }
                    coverFile(properties.path("file"), boundary, folder, covered);
                }
            }
        }
        return stacks;
    }

    /** Covers an asset manifest and the asset folders it names (code and Docker contexts, not templates). */
    private static void coverAssets(JsonNode file, Path boundary, Path folder, Set<Path> covered) {
        Path manifest = inside(file, boundary, folder);
        if (manifest == null || !Files.isRegularFile(manifest)) {
            return;
        }
        covered.add(manifest);
        JsonNode root = DocumentReader.read(manifest, manifest.toString()).tree().root();
        for (JsonNode asset : root.path("files")) {
            coverFolder(inside(asset.path("source").path("path"), boundary, folder), covered);
        }
        for (JsonNode image : root.path("dockerImages")) {
            coverFolder(inside(image.path("source").path("directory"), boundary, folder), covered);
        }
    }

    private static void coverFile(JsonNode name, Path boundary, Path folder, Set<Path> covered) {
        Path path = inside(name, boundary, folder);
        if (path != null && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            covered.add(path);
        }
    }

    private static void coverFolder(Path path, Set<Path> covered) {
        if (path != null && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            covered.add(path);
        }
    }

    /** A path named in the assembly, when it stays inside it. */
    private static Path inside(JsonNode name, Path boundary, Path folder) {
        if (!name.isTextual() || name.asText().isEmpty() || name.asText().indexOf('\0') >= 0) {
            return null;
        }
        Path root = boundary.toAbsolutePath().normalize();
        Path target = folder.toAbsolutePath().resolve(name.asText()).normalize();
        return target.startsWith(root) && !target.equals(root) ? target : null;
    }
}
