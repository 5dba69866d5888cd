package dev.ecrguard.cdktf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a synthesized stack's AWS provider version constraint guarantees the provider version that the
 * exclusion-filter blocks it uses need: {@code aws_ecr_repository} from 6.8.0, {@code aws_ecr_repository_creation_template}
 * from 6.10.0.
 */
final class ProviderVersions {
    static final String CONSTRAINT_PATH = "terraform.required_providers.aws.version";
    private static final Map<String, String> MINIMUM = Map.of(
            "aws_ecr_repository", "6.8.0",
            "aws_ecr_repository_creation_template", "6.10.0");
    private static final Pattern TERM = Pattern.compile("^\\s*(=|!=|>=|<=|>|<|~>)?\\s*v?(\\d+(?:\\.\\d+){0,2})(?:[-+][0-9A-Za-z.-]*)?\\s*$");

    /** A resource whose block needs a newer provider than the stack's constraint guarantees. */
    record Problem(String address, String constructPath, String minimum, String constraint, String message) {}

    private ProviderVersions() {}

    /** The constraint in a synthesized stack, or null when the stack names none. */
    static String constraint(JsonNode stack) {
        JsonNode version = stack.path("terraform").path("required_providers").path("aws").path("version");
        return version.isTextual() ? version.asText() : null;
    }

    static List<Problem> check(JsonNode stack) {
        String constraint = constraint(stack);
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, String> type : MINIMUM.entrySet()) {
            for (Map.Entry<String, JsonNode> resource : stack.path("resource").path(type.getKey()).properties()) {
                for (JsonNode block : resource.getValue().isArray() ? resource.getValue() : List.of(resource.getValue())) {
                    if (!usesExclusion(block) || guarantees(constraint, type.getValue())) {
                        continue;
                    }
                    String address = type.getKey() + "." + resource.getKey();
                    String path = block.path("//").path("metadata").path("path").asText(null);
                    problems.add(new Problem(address, path, type.getValue(), constraint,
                            message(address, type.getValue(), constraint)));
                }
            }
        }
        return problems;
    }

    static String message(String address, String minimum, String constraint) {
        return address + " uses IMMUTABLE_WITH_EXCLUSION / image_tag_mutability_exclusion_filter, which hashicorp/aws has"
                + " only from " + minimum + ", but this stack's AWS provider constraint is "
                + (constraint == null ? "not set" : "\"" + constraint + "\"")
                + ", which admits older versions (cdktf-provider-aws 18.x pins 5.x, which lacks the block). Fix: call"
                + " stack.addOverride(\"" + CONSTRAINT_PATH + "\", \"" + suggested(minimum) + "\") on the TerraformStack,"
                + " or build ImmutableEcrRepository with awsProviderVersionMode(AwsProviderVersionMode.SET_ON_STACK)"
                + " (the default), which does it for you.";
    }

    private static String suggested(String minimum) {
        String[] parts = minimum.split("\\.");
        return "~> " + parts[0] + "." + parts[1];
    }

    private static boolean usesExclusion(JsonNode block) {
        JsonNode filters = block.path("image_tag_mutability_exclusion_filter");
        String mutability = block.path("image_tag_mutability").asText("");
        return !filters.isMissingNode() && !filters.isNull() || mutability.endsWith("_WITH_EXCLUSION");
    }

    /**
     * True when every version the Terraform constraint admits is at least {@code minimum}: some term sets a lower
     * bound ({@code = v}, {@code v}, {@code >= v}, {@code > v}, {@code ~> v}) with {@code v >= minimum}. An
     * unparsable constraint guarantees nothing.
     */
    static boolean guarantees(String constraint, String minimum) {
        if (constraint == null || constraint.isBlank()) {
            return false;
        }
        int[] min = parse(minimum);
        boolean guaranteed = false;
        for (String term : constraint.split(",")) {
            Matcher m = TERM.matcher(term);
            if (!m.matches()) {
                return false;
            }
            String op = m.group(1) == null ? "=" : m.group(1);
            boolean lowerBound = op.equals("=") || op.equals(">=") || op.equals(">") || op.equals("~>");
            if (lowerBound && compare(parse(m.group(2)), min) >= 0) {
                guaranteed = true;
            }
        }
        return guaranteed;
    }

    private static int[] parse(String version) {
        String[] parts = version.split("\\.");
        int[] v = new int[3];
        for (int i = 0; i < Math.min(3, parts.length); i++) {
            v[i] = Integer.parseInt(parts[i]);
        }
        return v;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
