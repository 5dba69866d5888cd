package dev.ecrguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CDKTF output folder ({@code cdktf.out}): each stack of {@code manifest.json} names its
 * {@code stacks/<id>/cdk.tf.json}. Resources are named {@code <stack>/<address>}.
 */
final class CdktfOutput {
    private CdktfOutput() {}

    /** @param read the files already read into the model; a stack file in it is not read again */
    static void load(Document manifest, Path folder, String display, LoadResult result, Set<Path> read) {
        for (Map.Entry<String, JsonNode> entry : manifest.tree().root().path("stacks").properties()) {
            JsonNode stack = entry.getValue();
            String name = stack.path("name").asText(entry.getKey());
            String file = stack.path("synthesizedStackPath").asText(null);
            if (file == null) {
                throw new InputError(manifest.file(), "stack " + name + " has no synthesizedStackPath");
            }
            Path path = AssemblyFiles.resolve(folder, folder, file, manifest.file(), "stack " + name);
            if (!AssemblyFiles.firstRead(read, path)) {
                continue;
            }
            String stackDisplay = AssemblyFiles.display(display, folder, path);
            Document doc = DocumentReader.read(path, stackDisplay);
            if (doc.kind() != Document.Kind.TERRAFORM_CONFIG) {
                throw new InputError(stackDisplay, "stack " + name + " is not a Terraform JSON configuration");
            }
            TerraformLoader.loadConfiguration(doc, result.model, name + "/");
            result.loaded.add(stackDisplay);
        }
    }
}
