package dev.ecrguard.load.cdktf;

import dev.ecrguard.load.AssemblyFiles;
import dev.ecrguard.load.Document;
import dev.ecrguard.load.DocumentReader;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.terraform.TerraformLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.model.Model;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads a CDKTF output folder ({@code cdktf.out}): each stack of {@code manifest.json} names its
 * {@code stacks/<id>/cdk.tf.json}. Resources are named {@code <stack>/<address>}.
 */
public final class CdktfOutput {
    private CdktfOutput() {}

    /**
     * @param read the files already read into the model; a stack file in it is not read again
     * @param covered receives each stack's {@code assets} folder, which a folder scan then leaves to it
     * @return how many stacks the manifest names
     */
    public static int load(Document manifest, Path folder, String display, BiConsumer<Model, String> record, Set<Path> read,
            Set<Path> covered) {
        JsonNode stacks = manifest.tree().root().path("stacks");
        if (!stacks.isObject() && !stacks.isNull()) {
            throw new InputError(manifest.file(), "'stacks' should be an object in a CDKTF output manifest");
        }
        for (Map.Entry<String, JsonNode> entry : stacks.properties()) {
            JsonNode stack = entry.getValue();
            String name = stack.path("name").asText(entry.getKey());
            String file = stack.path("synthesizedStackPath").asText(null);
            if (file == null) {
                throw new InputError(manifest.file(), "stack " + name + " has no synthesizedStackPath");
            }
            Path path = AssemblyFiles.resolve(folder, folder, file, manifest.file(), "stack " + name);
            Path assets = path.getParent().resolve("assets");
            if (Files.isDirectory(assets, LinkOption.NOFOLLOW_LINKS) && !path.getParent().equals(folder.toAbsolutePath().normalize())) {
                covered.add(assets);
            }
            if (!AssemblyFiles.firstRead(read, path)) {
                continue;
            }
            String stackDisplay = AssemblyFiles.display(display, folder, path);
            Document doc = DocumentReader.read(path, stackDisplay);
            if (doc.kind() != Document.Kind.TERRAFORM_CONFIG) {
                throw new InputError(stackDisplay, "stack " + name + " is not a Terraform JSON configuration");
            }
            Model.Builder fragment = Model.builder();
            TerraformLoader.loadConfiguration(doc, fragment, name + "/");
            record.accept(fragment.build(), stackDisplay);
        }
        return stacks.size();
    }
}
