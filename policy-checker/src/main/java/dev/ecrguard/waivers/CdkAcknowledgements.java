package dev.ecrguard.waivers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.model.Waiver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a CDK app acknowledged with {@code Validations.of(construct).acknowledge(...)}: aws-cdk-lib records them
 * as {@code aws:cdk:acknowledged-rules} metadata, keyed by the acknowledging construct's path, in the file a stack
 * artifact names as {@code additionalMetadataFile} (older assemblies: inline in the artifact's {@code metadata}).
 * An acknowledgement covers the construct and everything below it. Ids are {@code ECR001},
 * {@code Annotation::ECR001} or {@code ecr-guard::ECR001} (the prefix in any case); the value is the reason. The
 * constructs read the ids of acknowledgements made in the app with {@link #ruleOf} too.
 */
public final class CdkAcknowledgements {
    private static final String TYPE = "aws:cdk:acknowledged-rules";
    private static final Pattern RULE = Pattern.compile("ECR\\d{3}");

    /** Rule id and reason, by construct path (no leading slash). */
    private final Map<String, Map<String, String>> byPath = new HashMap<>();

    private CdkAcknowledgements() {}

    /**
     * Reads the acknowledgements in a stack artifact's metadata.
     *
     * @param metadata metadata objects (the artifact's own, its metadata file), each keyed by construct path
     * @return the acknowledgements
     */
    public static CdkAcknowledgements of(List<JsonNode> metadata) {
        CdkAcknowledgements acks = new CdkAcknowledgements();
        metadata.forEach(acks::read);
        return acks;
    }

    private void read(JsonNode metadata) {
        metadata.fields().forEachRemaining(entry -> {
            for (JsonNode item : entry.getValue()) {
                if (!TYPE.equals(item.path("type").asText())) {
                    continue;
                }
                String path = entry.getKey().startsWith("/") ? entry.getKey().substring(1) : entry.getKey();
                item.path("data").fields().forEachRemaining(ack -> {
                    Optional<String> rule = ruleOf(ack.getKey());
                    if (rule.isPresent() && ack.getValue().isTextual() && !ack.getValue().asText().isBlank()) {
                        byPath.computeIfAbsent(path, k -> new HashMap<>()).put(rule.get(), ack.getValue().asText());
                    }
                });
            }
        });
    }

    /**
     * The ecr-guard rule an acknowledgement id names: {@code ECR001}, or {@code Annotation::ECR001} or
     * {@code ecr-guard::ECR001} with the prefix in any case.
     *
     * @param id the id as recorded
     * @return the rule, or empty for an id of another tool or no rule
     */
    public static Optional<String> ruleOf(String id) {
        String rule = id;
        int cut = id.lastIndexOf("::");
        if (cut >= 0) {
            String prefix = id.substring(0, cut).toLowerCase(Locale.ROOT);
            if (!prefix.equals("annotation") && !prefix.equals("ecr-guard")) {
                return Optional.empty();
            }
            rule = id.substring(cut + 2);
        }
        return RULE.matcher(rule).matches() ? Optional.of(rule) : Optional.empty();
    }

    /**
     * The waivers for a resource at this construct path: what it or a construct above it acknowledged.
     *
     * @param constructPath the resource's construct path, or null
     * @return the waivers
     */
    public List<Waiver> waiversFor(String constructPath) {
        List<Waiver> waivers = new ArrayList<>();
        if (constructPath == null) {
            return waivers;
        }
        byPath.forEach((path, rules) -> {
            if (constructPath.equals(path) || constructPath.startsWith(path + "/")) {
                rules.forEach((rule, reason) -> waivers.add(new Waiver(rule, reason)));
            }
        });
        return waivers;
    }
}
