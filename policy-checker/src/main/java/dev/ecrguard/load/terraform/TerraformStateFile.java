package dev.ecrguard.load.terraform;

import dev.ecrguard.load.InputError;
import dev.ecrguard.load.Json;
import dev.ecrguard.load.LocatedTree;
import dev.ecrguard.load.TopLevelReader;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.model.Location;
import dev.ecrguard.model.Model;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a raw Terraform state file as Terraform writes it ({@code terraform.tfstate}, {@code *.tfstate.backup},
 * {@code terraform state pull}): version 4 ({@code resources[].instances[].attributes}) and version 3
 * ({@code modules[].resources{}} with flat {@code primary.attributes}). Terraform writes {@code version} and
 * {@code terraform_version} first, so a version 4 file's resources are streamed like a plan's; a file that names
 * them later is read as a tree and judged the same way.
 */
final class TerraformStateFile implements TopLevelReader {
    private static final String MANAGED = "managed";
    private static final String DATA = "data";

    private final String file;
    private final Model.Builder streamed = Model.builder();
    private boolean sawResources;

    TerraformStateFile(String file) {
        this.file = file;
    }

    /** Whether the top-level keys read so far say this is a state file, so its {@code resources} can be streamed. */
    static boolean announcesState(ObjectNode rootSoFar) {
        return rootSoFar.path("version").isIntegralNumber() && rootSoFar.path("terraform_version").isTextual();
    }

    /** Whether a document is a raw state: a numeric version, Terraform's bookkeeping, and resources or modules. */
    boolean isState(JsonNode root) {
        boolean bookkeeping = root.path("terraform_version").isTextual() || root.path("lineage").isTextual();
        boolean resources = sawResources || root.path("resources").isArray() || root.path("modules").isArray();
        return root.path("version").isIntegralNumber() && bookkeeping && resources && !root.has("format_version");
    }

    /** Streams a version 4 {@code resources} list, keeping only the managed resources ecr-guard judges. */
    @Override
    public boolean claims(String key, ObjectNode rootSoFar) {
        return key.equals("resources") && announcesState(rootSoFar);
    }

    @Override
    public void read(String key, JsonParser p) throws IOException {
        consumeResources(p);
    }

    @Override
    public void append(TopLevelReader twin) {
        TerraformStateFile rest = (TerraformStateFile) twin;
        streamed.addAll(rest.streamed.build());
        sawResources |= rest.sawResources;
    }

    void consumeResources(JsonParser p) throws IOException {
        sawResources = true;
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new InputError(file, p.currentTokenLocation().getLineNr(), "'resources' should be a list in a "
                    + "Terraform state file");
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new InputError(file, p.currentTokenLocation().getLineNr(),
                        "'resources[]' should be an object in a Terraform state file");
            }
            IdentityHashMap<JsonNode, Integer> lines = new IdentityHashMap<>();
            int line = p.currentTokenLocation().getLineNr();
            ObjectNode resource = JsonNodeFactory.instance.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("instances") && isNotJudged(resource)) {
                    p.skipChildren();
                    resource.putArray(field);
                } else {
                    resource.set(field, Json.readLocated(p, lines));
                }
            }
            addVersion4(streamed, resource, line, lines::get);
        }
    }

    /** Adds the state's resources to {@code model}. */
    void load(LocatedTree tree, Model.Builder model) {
        JsonNode root = tree.root();
        long version = root.path("version").asLong();
        if (version == 4) {
            model.addAll(streamed.build());
            JsonNode resources = root.path("resources");
            if (!resources.isMissingNode() && !resources.isNull()) {
                for (JsonNode resource : list(resources, "resources", tree)) {
                    addVersion4(model, object(resource, "resources[]", tree), tree.lineOf(resource), tree::lineOf);
                }
            }
        } else if (version == 3) {
            for (JsonNode module : list(root.path("modules"), "modules", tree)) {
                addVersion3Module(model, object(module, "modules[]", tree), tree);
            }
        } else {
            throw new InputError(file, "unsupported Terraform state version " + version
                    + " (ecr-guard reads versions 3 and 4, written by Terraform 0.9 and later)");
        }
    }

    /**
     * Whether a resource's instances can be skipped unread: only once its mode and type have been met and say it
     * is not judged (a file that names them after the instances is read whole, never dropped).
     */
    private static boolean isNotJudged(JsonNode resource) {
        JsonNode mode = resource.path("mode");
        JsonNode type = resource.path("type");
        return mode.isTextual() && type.isTextual() && (!MANAGED.equals(mode.asText())
                || !TerraformResources.JUDGED_TYPES.contains(type.asText().strip().toLowerCase(Locale.ROOT)));
    }

    private void addVersion4(Model.Builder model, JsonNode resource, Integer line, LineOf lineOf) {
        String mode = TerraformResourceFields.mode(file, line, resource.path("mode"));
        String type = TerraformResourceFields.type(file, line, resource.path("type"));
        if (!mode.equals(MANAGED) || !TerraformResources.JUDGED_TYPES.contains(type)) {
            return;
        }
        JsonNode name = resource.path("name");
        JsonNode module = resource.path("module");
        if (!name.isTextual() || !(module.isMissingNode() || module.isNull() || module.isTextual())) {
            throw new InputError(file, line, "a resource's name and module should be strings in a Terraform state file");
        }
        String base = (module.isTextual() && !module.asText().isEmpty() ? module.asText() + "." : "") + type + "."
                + name.asText();
        JsonNode instances = resource.path("instances");
        if (!instances.isArray()) {
            throw new InputError(file, line, "resource " + base + " has no 'instances' list");
        }
        for (JsonNode instance : instances) {
            Integer instanceLine = lineOf.line(instance) != null ? lineOf.line(instance) : line;
            if (!instance.isObject()) {
                throw new InputError(file, instanceLine, "an instance of " + base + " should be an object");
            }
            if (instance.hasNonNull("deposed")) {
                continue; // an object awaiting destruction: not what the repository is after apply
            }
            String address = base + indexSuffix(instance.path("index_key"), instanceLine);
            JsonNode attributes = instance.path("attributes");
            if (!attributes.isObject()) {
                JsonNode flat = instance.path("attributes_flat");
                if (!flat.isObject()) {
                    throw new InputError(file, instanceLine, address + " has no attributes");
                }
                attributes = FlatAttributes.unflatten(flat, file, instanceLine);
            }
            TerraformResources.add(model, type, address, TerraformAttributes.planned(attributes, null), null,
                    new Location(file, instanceLine, null), List.of(), target -> null);
        }
    }

    private String indexSuffix(JsonNode indexKey, Integer line) {
        if (indexKey.isMissingNode() || indexKey.isNull()) {
            return "";
        }
        if (indexKey.isIntegralNumber()) {
            return "[" + indexKey.asLong() + "]";
        }
        if (indexKey.isTextual()) {
            return "[" + TerraformResourceFields.quoted(indexKey.asText()) + "]";
        }
        throw new InputError(file, line, "index_key should be a number or a string in a Terraform state file");
    }

    /** Version 3: {@code modules[].path} names the module, {@code resources} maps {@code type.name[.index]}. */
    private void addVersion3Module(Model.Builder model, JsonNode module, LocatedTree tree) {
        Integer moduleLine = tree.lineOf(module);
        JsonNode path = module.path("path");
        if (!path.isArray() || path.isEmpty() || !"root".equals(path.get(0).asText())) {
            throw new InputError(file, moduleLine, "a module's 'path' should be a list starting with \"root\"");
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 1; i < path.size(); i++) {
            if (!path.get(i).isTextual()) {
                throw new InputError(file, moduleLine, "a module's 'path' should hold strings");
            }
            prefix.append("module.").append(path.get(i).asText()).append('.');
        }
        JsonNode resources = module.path("resources");
        if (resources.isMissingNode() || resources.isNull()) {
            return;
        }
        if (!resources.isObject()) {
            throw new InputError(file, moduleLine, "a module's 'resources' should be an object");
        }
        for (Map.Entry<String, JsonNode> entry : resources.properties()) {
            addVersion3Resource(model, prefix.toString(), entry.getKey(), entry.getValue(), tree);
        }
    }

    private void addVersion3Resource(Model.Builder model, String modulePrefix, String key, JsonNode resource, LocatedTree tree) {
        Integer line = tree.lineOf(resource);
        if (!resource.isObject()) {
            throw new InputError(file, line, "resource " + key + " should be an object");
        }
        if (key.startsWith(DATA + ".")) {
            return;
        }
        String[] parts = key.split("\\.", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new InputError(file, line, "resource key \"" + key + "\" is not TYPE.NAME or TYPE.NAME.INDEX");
        }
        String type = TerraformResourceFields.type(file, line,
                resource.has("type") ? resource.get("type") : JsonNodeFactory.instance.textNode(parts[0]));
        if (!type.equals(parts[0])) {
            throw new InputError(file, line, "resource " + key + " says its type is " + type);
        }
        if (!TerraformResources.JUDGED_TYPES.contains(type)) {
            return;
        }
        String index = "";
        if (parts.length == 3) {
            if (!parts[2].matches("\\d{1,9}")) {
                throw new InputError(file, line, "resource key \"" + key + "\" has an index that is not a number");
            }
            index = "[" + parts[2] + "]";
        }
        JsonNode primary = resource.path("primary");
        if (primary.isMissingNode() || primary.isNull()) {
            return; // only deposed objects are left: nothing exists after apply
        }
        JsonNode flat = primary.path("attributes");
        if (!flat.isObject()) {
            throw new InputError(file, line, "resource " + key + " has no primary.attributes");
        }
        TerraformResources.add(model, type, modulePrefix + parts[0] + "." + parts[1] + index,
                TerraformAttributes.planned(FlatAttributes.unflatten(flat, file, line), null), null,
                new Location(file, line, null), List.of(), target -> null);
    }

    private Iterable<JsonNode> list(JsonNode node, String where, LocatedTree tree) {
        if (!node.isArray()) {
            throw new InputError(file, tree.lineOf(tree.root()), "'" + where + "' should be a list in a Terraform state file");
        }
        return node;
    }

    private JsonNode object(JsonNode node, String where, LocatedTree tree) {
        if (!node.isObject()) {
            throw new InputError(file, tree.lineOf(tree.root()),
                    "'" + where + "' should be an object in a Terraform state file");
        }
        return node;
    }

    @FunctionalInterface
    private interface LineOf {
        Integer line(JsonNode node);
    }
}
