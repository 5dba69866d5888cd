package dev.ecrguard.load.cdktf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.load.AssemblyFiles;
import dev.ecrguard.load.Document;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.LoadContext;
import dev.ecrguard.load.Loader;
import dev.ecrguard.load.Skipped;
import dev.ecrguard.load.terraform.TerraformJson;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a CDKTF output folder ({@code cdktf.out}): each stack of {@code manifest.json} names its
 * {@code stacks/<id>/cdk.tf.json}. Resources are named {@code <stack>/<address>}.
 */
public final class CdktfOutput implements Loader {
    private static final String LABEL = "CDKTF output manifest";

    @Override
    public Optional<Recognized> recognize(Document document) {
        return document.isObject() && document.syntax() == Document.Syntax.JSON && document.root().has("stacks")
                && document.root().has("version") ? Recognized.manifestOf(LABEL) : Optional.empty();
    }

    /**
     * Reads the stacks the manifest names (a stack file already read is not read again) and leaves each stack's
     * {@code assets} folder to it, so that a folder scan does not read them.
     */
    @Override
    public void load(Document manifest, LoadContext context) {
        Path folder = manifest.path().toAbsolutePath().getParent();
        Path parent = Path.of(manifest.file()).getParent();
        String display = parent == null ? "." : parent.toString();
        JsonNode stacks = manifest.root().path("stacks");
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
            if (Files.isDirectory(assets, LinkOption.NOFOLLOW_LINKS)
                    && !path.getParent().equals(folder.toAbsolutePath().normalize())) {
                context.cover(assets);
            }
            Optional<Document> read = context.readOnce(path, AssemblyFiles.display(display, folder, path));
            if (read.isEmpty()) {
                continue;
            }
            Document doc = read.get().requireObject();
            if (!TerraformJson.isConfiguration(doc)) {
                throw new InputError(doc.file(), "stack " + name + " is not a Terraform JSON configuration");
            }
            context.record(doc.file(), TerraformJson.configuration(doc, name + "/"));
        }
        if (stacks.isEmpty()) {
            context.skip(new Skipped(manifest.file(), "the " + LABEL + " names no stack, so nothing was read "
                    + "through it", Skipped.Kind.NOT_JUDGED));
        }
    }
}
