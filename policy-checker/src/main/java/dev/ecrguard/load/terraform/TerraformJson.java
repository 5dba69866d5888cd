package dev.ecrguard.load.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.load.Document;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.LoadContext;
import dev.ecrguard.load.Loader;
import dev.ecrguard.load.TopLevelReader;
import dev.ecrguard.model.Location;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.Waiver;
import dev.ecrguard.waivers.InlineWaivers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Terraform JSON inputs: plans and states ({@code terraform show -json}), raw state files
 * ({@code terraform.tfstate}) and JSON configuration ({@code *.tf.json}).
 */
public final class TerraformJson implements Loader {
    /** Every top-level block type Terraform accepts in a JSON configuration file (Terraform 1.14). */
    private static final Set<String> CONFIG_KEYS =
            Set.of("resource", "terraform", "provider", "module", "data", "ephemeral", "variable", "output", "locals",
                    "moved", "import", "check", "removed", "action");

    /** 0.x is what Terraform 0.12 to 0.15 wrote, with the same structure; a new major version may not be. */
    private static final Pattern SUPPORTED_FORMAT = Pattern.compile("[01](\\.\\d+)*");

    /** The Terraform documents, as recognized by content. */
    private enum Kind {
        PLAN("Terraform plan"),
        STATE("Terraform state"),
        STATE_FILE("Terraform state file"),
        CONFIGURATION("Terraform JSON configuration");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    @Override
    public List<TopLevelReader> topLevelReaders(String file) {
        // the plan's keys first: a plan's "values" are never a state file's "resources"
        return List.of(new TerraformPlanStream(file), new TerraformStateFile(file));
    }

    @Override
    public Optional<Recognized> recognize(Document document) {
        return kind(document).map(k -> new Recognized(k.label, false));
    }

    @Override
    public void load(Document document, LoadContext context) {
        Kind kind = kind(document).orElseThrow();
        Model.Builder fragment = Model.builder();
        switch (kind) {
            case PLAN, STATE -> fragment.addAll(planOrState(document));
            case STATE_FILE -> stateFile(document).load(document.tree(), fragment);
            case CONFIGURATION -> fragment.addAll(configuration(document, ""));
        }
        context.record(document.file(), fragment.build());
    }

    /**
     * Whether a document is a Terraform JSON configuration (a CDKTF stack's {@code cdk.tf.json}).
     *
     * @param document the document
     * @return true when its top-level keys are Terraform block types
     */
    public static boolean isConfiguration(Document document) {
        return document.isObject() && document.syntax() == Document.Syntax.JSON && isConfiguration(document.root());
    }

    /**
     * Loads {@code resource.<type>.<name>} blocks of a Terraform JSON configuration.
     *
     * @param document the configuration
     * @param idPrefix prefixed to every address ({@code stack/} for CDKTF output)
     * @return the fragment
     */
    public static Model configuration(Document document, String idPrefix) {
        Model.Builder fragment = Model.builder();
        addConfiguration(document, fragment, idPrefix);
        return AwsProviderVersion.apply(fragment.build(), AwsProviderVersion.fromConfiguration(document.root()));
    }

    private static Optional<Kind> kind(Document document) {
        if (!document.isObject() || document.syntax() != Document.Syntax.JSON) {
            return Optional.empty();
        }
        JsonNode root = document.root();
        TerraformPlanStream plan = planStream(document);
        if (plan.isPlan()) {
            // planned_values or resource_changes: only Terraform writes these (some tools drop format_version)
            return Optional.of(Kind.PLAN);
        }
        if (root.has("format_version") && (plan.sawAnyKey() || root.has("terraform_version"))) {
            return Optional.of(Kind.STATE);
        }
        if (stateFile(document).isState(root)) {
            return Optional.of(Kind.STATE_FILE);
        }
        return isConfiguration(root) ? Optional.of(Kind.CONFIGURATION) : Optional.empty();
    }

    private static boolean isConfiguration(JsonNode root) {
        return root.properties().stream().anyMatch(e -> CONFIG_KEYS.contains(e.getKey()))
                && root.properties().stream().allMatch(e -> CONFIG_KEYS.contains(e.getKey())
                        || e.getKey().equals("//"));
    }

    /** The plan stream that read the document, or an empty one when it was read without (as a manifest's file). */
    private static TerraformPlanStream planStream(Document document) {
        return document.streamed(TerraformPlanStream.class).orElseGet(() -> new TerraformPlanStream(document.file()));
    }

    private static TerraformStateFile stateFile(Document document) {
        return document.streamed(TerraformStateFile.class).orElseGet(() -> new TerraformStateFile(document.file()));
    }

    private static Model planOrState(Document doc) {
        JsonNode formatVersion = doc.root().path("format_version");
        String version = formatVersion.asText("");
        if (!formatVersion.isMissingNode() && !SUPPORTED_FORMAT.matcher(version).matches()) {
            throw new InputError(doc.file(), "unsupported format_version \"" + version
                    + "\" (ecr-guard reads the Terraform JSON formats 0.x, written by Terraform 0.12 to 0.15, and 1.x)");
        }
        return planStream(doc).model();
    }

    private static void addConfiguration(Document doc, Model.Builder model, String idPrefix) {
        JsonNode resources = doc.root().path("resource");
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
    }

    private static void addConfigured(Document doc, Model.Builder model, String idPrefix, String type, String name,
            JsonNode body) {
        for (JsonNode instance : asList(body)) {
            JsonNode metadata = instance.path("//").path("metadata");
            String constructPath = metadata.path("path").isTextual() ? metadata.path("path").asText() : null;
            List<Waiver> waivers = InlineWaivers.fromTerraformMetadata(instance.path("//"));
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
