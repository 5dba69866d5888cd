package dev.ecrguard.load.cdk;

import dev.ecrguard.load.AssemblyFiles;
import dev.ecrguard.load.DocumentReader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.model.Waiver;
import java.nio.file.Path;
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
 * {@code Annotation::ECR001} or {@code ecr-guard::ECR001}; the value is the reason.
 */
final class CdkAcknowledgements {
    static final String TYPE = "aws:cdk:acknowledged-rules";
    private static final Pattern RULE = Pattern.compile("ECR\\d{3}");

    /** Rule id and reason, by construct path (no leading slash). */
    private final Map<String, Map<String, String>> byPath = new HashMap<>();

    private CdkAcknowledgements() {}

    /** Reads a stack artifact's acknowledgements (its metadata file must stay inside the assembly). */
    static CdkAcknowledgements of(JsonNode artifact, Path boundary, Path folder, String manifestFile) {
        CdkAcknowledgements acks = new CdkAcknowledgements();
        acks.read(artifact.path("metadata"));
        String metadataFile = artifact.path("additionalMetadataFile").asText(null);
        if (metadataFile != null) {
            Path path = AssemblyFiles.resolve(boundary, folder, metadataFile, manifestFile, "additionalMetadataFile");
            acks.read(DocumentReader.read(path, path.getFileName().toString()).requireObject().root());
        }
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
                    String rule = ruleOf(ack.getKey());
                    if (rule != null && ack.getValue().isTextual() && !ack.getValue().asText().isBlank()) {
                        byPath.computeIfAbsent(path, k -> new HashMap<>()).put(rule, ack.getValue().asText());
                    }
                });
            }
        });
    }

    private static String ruleOf(String id) {
        String rule = id;
        int cut = id.lastIndexOf("::");
        if (cut >= 0) {
            String prefix = id.substring(0, cut).toLowerCase(Locale.ROOT);
            if (!prefix.equals("annotation") && !prefix.equals("ecr-guard")) {
                return null;
            }
            rule = id.substring(cut + 2);
        }
        return RULE.matcher(rule).matches() ? rule : null;
    }

    /** The waivers for a resource at this construct path: what it or a construct above it acknowledged. */
    List<Waiver> waiversFor(String constructPath) {
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
