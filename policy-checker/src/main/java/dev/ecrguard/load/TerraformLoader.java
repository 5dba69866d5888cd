package dev.ecrguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ecrguard.model.Location;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.Waiver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Loads Terraform plans and states ({@code terraform show -json}) and Terraform JSON configuration. */
final class TerraformLoader {
    /** Actions whose result exists after apply; {@code delete} and {@code read} leave nothing to judge. */
    private static final Set<String> SKIPPED_ACTIONS = Set.of("delete", "read");

    /** 0.x is what Terraform 0.12 to 0.15 wrote, with the same structure; a new major version may not be. */
    private static final Pattern SUPPORTED_FORMAT = Pattern.compile("[01](\\.\\d+)*");

    private TerraformLoader() {}

    static void loadPlanOrState(Document doc, Model model) {
        JsonNode formatVersion = doc.tree().root().path("format_version");
        String version = formatVersion.asText("");
        if (!formatVersion.isMissingNode() && !SUPPORTED_FORMAT.matcher(version).matches()) {
            throw new InputError(doc.file(), "unsupported format_version \"" + version
                    + "\" (ecr-guard reads the Terraform JSON formats 0.x, written by Terraform 0.12 to 0.15, and 1.x)");
        }
        model.addAll(doc.plan().model());
    }

    static void loadStateFile(Document doc, Model model) {
        doc.state().load(doc.tree(), model);
    }

    /**
     * Adds one resource of a plan or state, as the stream meets it: from {@code resource_changes} (the state after
     * apply, with what is unknown until then), or from {@code planned_values}/{@code values}.
     */
    static void addStreamed(Model model, String file, JsonNode r, int line, boolean fromChanges) {
        if (r.has("mode") && !TerraformResourceFields.mode(file, line, r.get("mode")).equals("managed")) {
            return;
        }
        if (!r.path("address").isTextual()) {
            throw new InputError(file, line, "a " + r.path("type").asText() + " resource has no address");
        }
        TerraformAttributes attrs;
        TerraformAttributes before = null;
        if (fromChanges) {
            JsonNode change = r.path("change");
            if (isSkipped(change.path("actions")) || r.hasNonNull("deposed")) {
                return;
            }
            attrs = TerraformAttributes.planned(change.path("after"), change.path("after_unknown"));
            JsonNode prior = change.path("before");
            if (prior.isObject()) {
                before = TerraformAttributes.planned(prior, NullNode.getInstance());
            }
        } else {
            attrs = TerraformAttributes.planned(r.path("values"), NullNode.getInstance());
        }
        TerraformResources.add(model, r.path("type").asText(), r.path("address").asText(), attrs, before,
                new Location(file, line, null), List.of(), target -> null);
    }

    private static boolean isSkipped(JsonNode actions) {
        if (!actions.isArray() || actions.isEmpty()) {
            return false;
        }
        for (JsonNode action : actions) {
            if (!SKIPPED_ACTIONS.contains(action.asText())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Loads {@code resource.<type>.<name>} blocks of a Terraform JSON configuration.
     *
     * @param idPrefix prefixed to every address ({@code stack/} for CDKTF output, empty otherwise)
     */
    static void loadConfiguration(Document doc, Model model, String idPrefix) {
        Model.Snapshot before = model.snapshot();
        JsonNode resources = doc.tree().root().path("resource");
        for (JsonNode block : asList(resources)) {
            for (Map.Entry<String, JsonNode> byType : block.properties()) {
                String type = byType.getKey();
                if (!TerraformResources.JUDGED_TYPES.contains(type)) {
                    continue;
                }
                for (JsonNode named : asList(byType.getValue())) {
                    for (Map.Entry<String, JsonNode> resource : named.properties()) {
                        addConfigured(doc, model, idPrefix, type, resource.getKey(), resource.getValue());
                    }
                }
            }
        }
        AwsProviderVersion.apply(model, before, AwsProviderVersion.fromConfiguration(doc.tree().root()));
    }

    private static void addConfigured(Document doc, Model model, String idPrefix, String type, String name,
            JsonNode body) {
        for (JsonNode instance : asList(body)) {
            JsonNode metadata = instance.path("//").path("metadata");
            String constructPath = metadata.path("path").isTextual() ? metadata.path("path").asText() : null;
            List<Waiver> waivers = Waivers.fromTerraformMetadata(instance.path("//"));
            TerraformResources.add(model, type, idPrefix + type + "." + name,
                    TerraformAttributes.configured(instance), null,
                    new Location(doc.file(), doc.tree().lineOf(instance), constructPath), waivers,
                    target -> target.startsWith(TerraformResources.REPOSITORY + ".") ? idPrefix + target : null);
        }
    }

    private static Iterable<JsonNode> asList(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        return node.isObject() ? List.of(node) : List.of();
    }
}
