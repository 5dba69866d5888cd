package dev.ecrguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CDK cloud assembly ({@code cdk.out}): every {@code aws:cloudformation:stack} artifact of its
 * {@code manifest.json}, and every nested {@code cdk:cloud-assembly} (a stage, e.g. {@code assembly-Prod/}).
 * Resources are named {@code <stack artifact id>/<logical id>}.
 */
final class CdkAssembly {
    private static final int MAX_DEPTH = 20;

    private CdkAssembly() {}

    /** @param read the files already read into the model; a stack template in it is not read again */
    static void load(Document manifest, Path folder, String display, Map<String, String> parameters, LoadResult result,
            Set<Path> read) {
        load(manifest, folder, folder, display, parameters, result, read, 0);
    }

    private static void load(Document manifest, Path boundary, Path folder, String display,
            Map<String, String> parameters, LoadResult result, Set<Path> read, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InputError(manifest.file(), "cloud assemblies nest more than " + MAX_DEPTH + " levels deep");
        }
        JsonNode artifacts = manifest.tree().root().path("artifacts");
        for (Map.Entry<String, JsonNode> entry : artifacts.properties()) {
            String id = entry.getKey();
            JsonNode artifact = entry.getValue();
            JsonNode properties = artifact.path("properties");
            switch (artifact.path("type").asText()) {
                case "aws:cloudformation:stack" -> {
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
                    CloudFormationLoader.load(doc, result.model, new CloudFormationLoader.Context(
                            CloudFormationLoader.parameters(parameters, "--parameter"), id + "/", template, boundary,
                            true, CdkAcknowledgements.of(artifact, boundary, folder, manifest.file()), 0));
                    result.loaded.add(templateDisplay);
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
                    load(doc, boundary, nested, display, parameters, result, read, depth + 1);
                }
                default -> {
                }
            }
        }
    }
}
