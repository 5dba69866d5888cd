package dev.ecrguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.model.Waiver;
import java.util.ArrayList;
import java.util.List;

/**
 * Waivers that an input carries itself, under the key {@code ecr-guard}: in a CloudFormation resource's
 * {@code Metadata}, or in the {@code "//"} comment block of a Terraform JSON resource (where the CDKTF construct's
 * opt-out writes it). Shape: {@code {"ecr-guard": {"waivers": [{"rule": "ECR001", "reason": "..."}]}}}.
 */
public final class Waivers {
    static final String KEY = "ecr-guard";

    private Waivers() {}

    public static List<Waiver> fromTerraformMetadata(JsonNode comment) {
        return read(comment.path(KEY).path("waivers"));
    }

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
