package dev.ecrguard.waivers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.model.Waiver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules a CDK app acknowledged with {@code Validations.of(construct).acknowledge(...)}: aws-cdk-lib records them
 * as {@code aws:cdk:acknowledged-rules} metadata, keyed by the acknowledging construct's path, in the file a stack
 * artifact names as {@code additionalMetadataFile} (older assemblies: inline in the artifact's {@code metadata}).
 * An acknowledgement covers the construct and everything below it. Ids are {@code ECR001},
 * {@code Annotation::ECR001} or {@code ecr-guard::ECR001}; the value is the reason. An id that names a construct,
 * {@code ecr-guard::ECR001@Registry/Legacy} (the id the CDK plugin's report suggests), covers that construct and
 * everything below it, wherever it is recorded: aws-cdk-lib matches plugin acknowledgements by id alone.
 *
 * <p>Public for one reason: the CDK constructs parse acknowledgement ids with {@link #parse(String)}, so that the
 * CLI, the plugin and the aspect accept the same ids.
 */
public final class CdkAcknowledgements {
    static final String TYPE = "aws:cdk:acknowledged-rules";
    private static final Pattern RULE = Pattern.compile("ECR\\d{3}");
    /** Separates the rule from the construct path in an id that names its construct. */
    public static final String SCOPE_SEPARATOR = "@";

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
                    Acknowledged id = parse(ack.getKey());
                    if (id != null && ack.getValue().isTextual() && !ack.getValue().asText().isBlank()) {
                        byPath.computeIfAbsent(id.scope() != null ? id.scope() : path, k -> new HashMap<>())
                                .put(id.rule(), ack.getValue().asText());
                    }
                });
            }
        });
    }

    /**
     * An acknowledged ecr-guard rule, and the construct the id names, if it names one.
     *
     * @param rule the rule, {@code ECR001}
     * @param scope the construct path the id names ({@code Registry/Legacy}), or null: then the acknowledgement
     *     covers the construct it is recorded on
     */
    public record Acknowledged(String rule, String scope) {}

    /**
     * Reads an acknowledgement id as aws-cdk-lib records it: {@code ECR001}, {@code Annotation::ECR001},
     * {@code ecr-guard::ECR001} (prefixes in any case) or {@code ecr-guard::ECR001@Registry/Legacy}.
     *
     * @param id the id
     * @return the rule and scope, or null when the id is not an ecr-guard rule
     */
    public static Acknowledged parse(String id) {
        String rule = id;
        int cut = id.lastIndexOf("::");
        if (cut >= 0) {
            String prefix = id.substring(0, cut).toLowerCase(Locale.ROOT);
            if (!prefix.equals("annotation") && !prefix.equals("ecr-guard")) {
                return null;
            }
            rule = id.substring(cut + 2);
        }
        String scope = null;
        int at = rule.indexOf(SCOPE_SEPARATOR);
        if (at >= 0) {
            scope = rule.substring(at + 1);
            rule = rule.substring(0, at);
            if (scope.isEmpty() || scope.startsWith("/")) {
                return null;
            }
        }
        return RULE.matcher(rule).matches() ? new Acknowledged(rule, scope) : null;
    }

    /**
     * Whether a construct is at or below {@code scope}. aws-cdk-lib turns spaces into hyphens in the ids it suggests,
     * so a construct path with spaces is compared that way too.
     *
     * @param scope a construct path, no leading slash ({@code ""} for the app)
     * @param constructPath the construct path of a resource
     * @return true when the construct is the scope or below it
     */
    public static boolean covers(String scope, String constructPath) {
        String path = constructPath.replace(' ', '-');
        String within = scope.replace(' ', '-');
        return within.isEmpty() || path.equals(within) || path.startsWith(within + "/");
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
            if (covers(path, constructPath)) {
                rules.forEach((rule, reason) -> waivers.add(new Waiver(rule, reason)));
            }
        });
        return waivers;
    }
}
