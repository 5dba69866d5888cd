package dev.ecrguard.cdk;

import dev.ecrguard.waivers.CdkAcknowledgements;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * The rules that constructs acknowledge with {@code Validations.of(construct).acknowledge(...)}: aws-cdk-lib records
 * each as a metadata entry of type {@code aws:cdk:acknowledged-rules} whose data is {@code {"<qualified id>": "<reason>"}}
 * on the acknowledging construct. An id without a prefix is recorded as {@code Annotation::<id>}.
 *
 * <p>ecr-guard honours an acknowledgement of rule {@code ECR001} written as {@code ECR001} (recorded as
 * {@code Annotation::ECR001}) or {@code ecr-guard::ECR001}, and only for resources at or below the acknowledging
 * construct: accepting a rule for one repository never accepts it for another. The id the plugin's report
 * suggests, {@code ecr-guard::ECR001@Registry/Legacy}, covers the construct it names (and below), wherever it is
 * recorded. The ids are read by the checker's parser ({@link CdkAcknowledgements#parse}), the one that
 * {@code ecr-guard check cdk.out} uses.
 */
final class Acknowledgements {
    static final String METADATA_TYPE = "aws:cdk:acknowledged-rules";

    /** One acknowledgement: the construct that made it, the id as recorded, and the reason. */
    record Acknowledgement(String constructPath, String id, String reason) {
        /** The ecr-guard rule this acknowledges, if any. */
        Optional<String> rule() {
            return Optional.ofNullable(CdkAcknowledgements.parse(id)).map(CdkAcknowledgements.Acknowledged::rule);
        }

        /** Whether it covers the construct at {@code path}: below the construct its id names, else below where it was made. */
        boolean covers(String path) {
            CdkAcknowledgements.Acknowledged parsed = CdkAcknowledgements.parse(id);
            String scope = parsed != null && parsed.scope() != null ? parsed.scope() : constructPath;
            return CdkAcknowledgements.covers(scope, path);
        }
    }

    private final List<Acknowledgement> all;

    Acknowledgements(List<Acknowledgement> all) {
        this.all = List.copyOf(all);
    }

    /**
     * The id that acknowledges {@code rule} for the construct at {@code constructPath} only, which the plugin names
     * its violation by, so that CDK's report suggests it: {@code ecr-guard::ECR001@Registry/Legacy}. aws-cdk-lib
     * matches it with spaces made hyphens, and so does {@link CdkAcknowledgements#covers}.
     */
    static String scopedRuleName(String rule, String constructPath) {
        return rule + CdkAcknowledgements.SCOPE_SEPARATOR + constructPath.replace(' ', '-');
    }

    /** Reads the acknowledgements recorded on one construct. */
    static List<Acknowledgement> of(IConstruct construct) {
        List<Acknowledgement> found = new ArrayList<>();
        for (MetadataEntry entry : construct.getNode().getMetadata()) {
            if (METADATA_TYPE.equals(entry.getType())) {
                String path = construct.getNode().getPath();
                data(entry.getData()).forEach((id, reason) -> found.add(new Acknowledgement(path, id, reason)));
            }
        }
        return found;
    }

    /** Reads the acknowledgements recorded on every construct given. */
    static Acknowledgements collect(Collection<IConstruct> constructs) {
        List<Acknowledgement> found = new ArrayList<>();
        for (IConstruct c : constructs) {
            found.addAll(of(c));
        }
        return new Acknowledgements(found);
    }

    /** The acknowledgement of {@code rule} that covers the construct at {@code path}, if any. */
    Optional<Acknowledgement> covering(String rule, String path) {
        if (path == null) {
            return Optional.empty();
        }
        return all.stream().filter(a -> a.rule().filter(rule::equals).isPresent() && a.covers(path)).findFirst();
    }

    private static Map<String, String> data(Object data) {
        Map<String, String> ids = new LinkedHashMap<>();
        if (data instanceof Map<?, ?> map) {
            map.forEach((k, v) -> ids.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (data instanceof com.fasterxml.jackson.databind.JsonNode node && node.isObject()) {
            node.properties().forEach(e -> ids.put(e.getKey(), e.getValue().asText("")));
        }
        return ids;
    }
}
