package dev.ecrguard.waivers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.model.Waiver;
import java.util.ArrayList;
import java.util.List;

/**
 * Waivers that an input carries itself, under the key {@code ecr-guard}: in a CloudFormation resource's
 * {@code Metadata}, or in the {@code "//"} comment block of a Terraform JSON resource (where the CDKTF construct's
 * opt-out writes it). Shape: {@code {"ecr-guard": {"waivers": [{"rule": "ECR001", "reason": "..."}]}}}.
 */
public final class InlineWaivers {
    private static final String KEY = "ecr-guard";

    private InlineWaivers() {}

    /**
     * The waivers in a Terraform JSON resource's {@code "//"} block.
     *
     * @param comment the {@code "//"} block (missing when there is none)
     * @return the waivers, each with a rule and a reason
     */
    public static List<Waiver> fromTerraformMetadata(JsonNode comment) {
        return read(comment.path(KEY).path("waivers"));
    }

    /**
     * The waivers in a CloudFormation resource's {@code Metadata}.
     *
     * @param metadata the {@code Metadata} (missing when there is none)
     * @return the waivers, each with a rule and a reason
     */
    public static List<Waiver> fromCloudFormationMetadata(JsonNode metadata) {
        return read(metadata.path(KEY).path("waivers"));
    }

    private static List<Waiver> read(JsonNode list) {
        List<Waiver> waivers = new ArrayList<>();
        for (JsonNode w : list) {
            String rule = w.path("rule").asText("");
            String reason = w.path("reason").asText("");
            if (!rule.isBlank() && !reason.isBlank()) {
                waivers.add(new Waiver(rule, reason));
            }
        }
        return waivers;
    }
}
