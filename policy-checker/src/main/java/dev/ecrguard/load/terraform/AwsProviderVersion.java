package dev.ecrguard.load.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The version constraint of the hashicorp/aws provider that a Terraform input requires, which rule ECR009 compares
 * with the first provider version that has tag mutability exclusions. Terraform installs one version of a provider
 * for the whole configuration, one that meets every module's constraint, so the constraints found are joined with
 * commas into one (Terraform's "and"). Only read, never judged here.
 */
final class AwsProviderVersion {
    /** Where a user sets it, for messages. */
    static final String ATTRIBUTE = "terraform.required_providers.aws.version";

    private AwsProviderVersion() {}

    /**
     * The constraint a JSON configuration declares: {@code terraform.required_providers} entries (either may be a
     * list of objects) for hashicorp/aws, by {@code source} or, without one, by the local name {@code aws}; an entry
     * that is a string is the version itself (Terraform 0.12's form).
     *
     * <p>A CDKTF stack (its {@code "//".metadata} names the stack) is a whole configuration: declaring nothing means
     * no constraint (absent). Any other {@code .tf.json} file may be one of several files of a module, some in HCL,
     * which ecr-guard does not read: declaring nothing there says nothing (null).
     *
     * @param root the configuration
     * @return the constraint, absent, or null
     */
    static Value fromConfiguration(JsonNode root) {
        List<JsonNode> versions = new ArrayList<>();
        for (JsonNode terraform : blocks(root.path("terraform"))) {
            for (JsonNode requirements : blocks(terraform.path("required_providers"))) {
                for (Map.Entry<String, JsonNode> provider : requirements.properties()) {
                    JsonNode entry = provider.getValue();
                    if (entry.isTextual() && provider.getKey().equals("aws")) {
                        versions.add(entry);
                    } else if (entry.isObject() && isAws(provider.getKey(), entry.path("source"))
                            && !entry.path("version").isMissingNode() && !entry.path("version").isNull()) {
                        versions.add(entry.path("version"));
                    }
                }
            }
        }
        if (versions.isEmpty()) {
            return root.path("//").path("metadata").path("stackName").isTextual() ? Value.absent(ATTRIBUTE) : null;
        }
        return joined(versions);
    }

    /**
     * The constraint a plan's {@code configuration.provider_config} states: the {@code version_constraint} of every
     * entry for hashicorp/aws (by {@code full_name}, or by {@code name} in plans of Terraform before 0.13), in any
     * module ({@code aws}, {@code aws.west}, {@code module.registry:aws}).
     *
     * @param providerConfig {@code configuration.provider_config}
     * @return the constraint, or absent when no entry states one
     */
    static Value fromPlan(JsonNode providerConfig) {
        List<JsonNode> versions = new ArrayList<>();
        for (JsonNode entry : providerConfig) {
            JsonNode fullName = entry.path("full_name");
            boolean aws = fullName.isMissingNode() || fullName.isNull() ? entry.path("name").asText("").equals("aws")
                    : isHashicorpAws(fullName.asText(""));
            if (aws && !entry.path("version_constraint").isMissingNode() && !entry.path("version_constraint").isNull()) {
                versions.add(entry.path("version_constraint"));
            }
        }
        return versions.isEmpty() ? Value.absent(ATTRIBUTE) : joined(versions);
    }

    /** The fragment with the constraint on every repository and creation template (null: as it is). */
    static Model apply(Model fragment, Value constraint) {
        if (constraint == null) {
            return fragment;
        }
        Model.Builder result = Model.builder();
        fragment.repositories.forEach(r -> result.add(r.withAwsProviderVersion(constraint)));
        fragment.creationTemplates.forEach(t -> result.add(t.withAwsProviderVersion(constraint)));
        fragment.registryScanning.forEach(result::add);
        fragment.workloads.forEach(result::add);
        fragment.conditionallyDeployed.forEach(result::add);
        return result.build();
    }

    private static Value joined(List<JsonNode> versions) {
        List<String> texts = new ArrayList<>();
        for (JsonNode version : versions) {
            if (!version.isTextual()) {
                return Value.unknown(ATTRIBUTE, "the version is not a string");
            }
            texts.add(version.asText());
        }
        return Value.known(TextNode.valueOf(String.join(", ", texts)), ATTRIBUTE, null);
    }

    private static boolean isAws(String localName, JsonNode source) {
        if (source.isMissingNode() || source.isNull()) {
            return localName.equals("aws");
        }
        return source.asText("").equalsIgnoreCase("aws") || isHashicorpAws(source.asText(""));
    }

    /** {@code hashicorp/aws} with or without its registry host, as Terraform reads a source address: in any case. */
    private static boolean isHashicorpAws(String source) {
        String address = source.toLowerCase(Locale.ROOT);
        return address.equals("hashicorp/aws") || address.equals("registry.terraform.io/hashicorp/aws");
    }

    private static Iterable<JsonNode> blocks(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        return node.isObject() ? List.of(node) : List.of();
    }
}
