package dev.ecrguard.load.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ecrguard.load.InputError;
import dev.ecrguard.model.Location;
import dev.ecrguard.model.Model;
import java.util.List;
import java.util.Set;

/** Turns one resource of a plan or state, as {@link TerraformPlanStream} meets it, into the model. */
final class StreamedResources {
    /** Actions whose result exists after apply; {@code delete} and {@code read} leave nothing to judge. */
    private static final Set<String> SKIPPED_ACTIONS = Set.of("delete", "read");

    private StreamedResources() {}

    /**
     * Adds one resource of a plan or state, as the stream meets it: from {@code resource_changes} (the state after
     * apply, with what is unknown until then), or from {@code planned_values}/{@code values}.
     */
    static void add(Model.Builder model, String file, JsonNode r, int line, boolean fromChanges) {
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
}
