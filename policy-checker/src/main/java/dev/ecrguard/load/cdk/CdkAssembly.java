package dev.ecrguard.load.cdk;

import dev.ecrguard.load.AssemblyFiles;
import dev.ecrguard.load.Document;
import dev.ecrguard.load.DocumentReader;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.LoadContext;
import dev.ecrguard.load.Loader;
import dev.ecrguard.load.Skipped;
import dev.ecrguard.load.cloudformation.CloudFormationTemplates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecrguard.model.Model;
import dev.ecrguard.waivers.CdkAcknowledgements;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a CDK cloud assembly ({@code cdk.out}): every {@code aws:cloudformation:stack} artifact of its
 * {@code manifest.json}, and every nested {@code cdk:cloud-assembly} (a stage, e.g. {@code assembly-Prod/}).
 * Resources are named {@code <stack artifact id>/<logical id>}.
 */
public final class CdkAssembly implements Loader {
    private static final String LABEL = "CDK cloud assembly manifest";
    private static final int MAX_DEPTH = 20;

    /** Artifact types that deploy nothing themselves (cloud-assembly-schema's ArtifactType). */
    private static final Set<String> DESCRIPTIVE_TYPES = Set.of("none", "cdk:tree", "cdk:feature-flag-report");

    @Override
    public Optional<Recognized> recognize(Document document) {
        return isManifest(document) ? Recognized.manifestOf(LABEL) : Optional.empty();
    }

    private static boolean isManifest(Document document) {
        return document.isObject() && document.syntax() == Document.Syntax.JSON && document.root().has("artifacts")
                && document.root().has("version");
    }

    /**
     * Reads the stacks the manifest names (a stack template already read is not read again) and leaves the asset
     * folders and bookkeeping files it names to it, so that a folder scan does not read them.
     */
    @Override
    public void load(Document manifest, LoadContext context) {
        Path folder = manifest.path().toAbsolutePath().getParent();
        Path display = Path.of(manifest.file()).getParent();
        int stacks = load(manifest, folder, folder, display == null ? "." : display.toString(), context, 0);
        if (stacks == 0) {
            context.skip(new Skipped(manifest.file(), "the " + LABEL + " names no stack, so nothing was read "
                    + "through it", Skipped.Kind.NOT_JUDGED));
        }
    }

    /** @return how many stacks the assembly names, nested assemblies included */
    private static int load(Document manifest, Path boundary, Path folder, String display, LoadContext context,
            int depth) {
        if (depth > MAX_DEPTH) {
            throw new InputError(manifest.file(), "cloud assemblies nest more than " + MAX_DEPTH + " levels deep");
        }
        JsonNode artifacts = manifest.root().path("artifacts");
        if (!artifacts.isObject() && !artifacts.isNull()) {
            throw new InputError(manifest.file(), "'artifacts' should be an object in a cloud assembly manifest");
        }
        int stacks = 0;
        coverFile(JsonNodeFactory.instance.textNode("cdk.out"), boundary, folder, context); // the version marker
        for (Map.Entry<String, JsonNode> entry : artifacts.properties()) {
            String id = entry.getKey();
            JsonNode artifact = entry.getValue();
            JsonNode properties = artifact.path("properties");
            String type = artifact.path("type").asText();
            switch (type) {
                case "aws:cloudformation:stack" -> {
                    stacks++;
                    coverFile(artifact.path("additionalMetadataFile"), boundary, folder, context);
                    String templateFile = properties.path("templateFile").asText(null);
                    if (templateFile == null) {
                        throw new InputError(manifest.file(), "stack " + id + " has no templateFile");
                    }
                    Path template = AssemblyFiles.resolve(boundary, folder, templateFile, manifest.file(), "stack " + id);
                    Optional<Document> read = context.readOnce(template,
                            AssemblyFiles.display(display, boundary, template));
                    if (read.isEmpty()) {
                        continue;
                    }
                    Document doc = read.get().requireObject();
                    if (!CloudFormationTemplates.isTemplate(doc)) {
                        throw new InputError(doc.file(), "stack " + id + " is not a CloudFormation template");
                    }
                    Set<Path> nestedTemplates = new HashSet<>();
                    Model fragment = CloudFormationTemplates.assemblyStack(doc, context.parameters(), id + "/",
                            boundary, acknowledgements(artifact, boundary, folder, manifest.file())::waiversFor,
                            nestedTemplates);
                    nestedTemplates.forEach(context::markRead);
                    context.record(doc.file(), fragment);
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
                            AssemblyFiles.display(display, boundary, nestedManifest)).requireObject();
                    if (!isManifest(doc)) {
                        throw new InputError(doc.file(), "not a cloud assembly manifest");
                    }
                    stacks += load(doc, boundary, nested, display, context, depth + 1);
                }
                case "cdk:asset-manifest" -> coverAssets(properties.path("file"), boundary, folder, context);
                default -> {
                    if (!DESCRIPTIVE_TYPES.contains(type)) {
                        // an artifact ecr-guard does not know could deploy resources: never pass it over quietly
                        throw new InputError(manifest.file(), "artifact " + id + " has type \"" + type + "\", which "
                                + "ecr-guard does not know, so it cannot tell what it deploys");
                    }
                    coverFile(properties.path("file"), boundary, folder, context);
                }
            }
        }
        return stacks;
    }

    /** A stack artifact's acknowledgements: in its metadata, and in its metadata file (which must stay inside). */
    private static CdkAcknowledgements acknowledgements(JsonNode artifact, Path boundary, Path folder,
            String manifestFile) {
        List<JsonNode> metadata = new ArrayList<>();
        metadata.add(artifact.path("metadata"));
        String metadataFile = artifact.path("additionalMetadataFile").asText(null);
        if (metadataFile != null) {
            Path path = AssemblyFiles.resolve(boundary, folder, metadataFile, manifestFile, "additionalMetadataFile");
            metadata.add(DocumentReader.read(path, path.getFileName().toString()).requireObject().root());
        }
        return CdkAcknowledgements.of(metadata);
    }

    /** Covers an asset manifest and the asset folders it names (code and Docker contexts, not templates). */
    private static void coverAssets(JsonNode file, Path boundary, Path folder, LoadContext context) {
        Path manifest = inside(file, boundary, folder);
        if (manifest == null || !Files.isRegularFile(manifest)) {
            return;
        }
        context.cover(manifest);
        JsonNode root = DocumentReader.read(manifest, manifest.toString()).requireObject().root();
        for (JsonNode asset : root.path("files")) {
            coverFolder(inside(asset.path("source").path("path"), boundary, folder), context);
        }
        for (JsonNode image : root.path("dockerImages")) {
            coverFolder(inside(image.path("source").path("directory"), boundary, folder), context);
        }
    }

    private static void coverFile(JsonNode name, Path boundary, Path folder, LoadContext context) {
        Path path = inside(name, boundary, folder);
        if (path != null && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            context.cover(path);
        }
    }

    private static void coverFolder(Path path, LoadContext context) {
        if (path != null && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            context.cover(path);
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
