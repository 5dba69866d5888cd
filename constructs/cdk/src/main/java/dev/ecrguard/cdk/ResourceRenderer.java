package dev.ecrguard.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.CfnRegistryScanningConfiguration;
import software.amazon.awscdk.services.ecr.CfnRepository;
import software.constructs.IConstruct;

/**
 * Renders a {@code CfnRepository} into a small CloudFormation template for the checker, before synthesis (an
 * Aspect cannot synthesize): the properties the rules judge, read through the L1's public getters and resolved by
 * its stack, its {@code Metadata}, the parameters it refers to, and the registry scanning configurations of the
 * app (they decide rule ECR003). Property overrides added with {@code addPropertyOverride} are not visible to the
 * getters; the {@link EcrGuardPlugin}, which checks the synthesized templates, sees them.
 */
final class ResourceRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResourceRenderer() {}

    static ObjectNode template(CfnRepository repo, List<CfnRegistryScanningConfiguration> scanning) {
        Stack stack = repo.getStack();
        ObjectNode template = JSON.createObjectNode();
        ObjectNode resources = template.putObject("Resources");

        ObjectNode properties = JSON.createObjectNode();
        put(properties, "RepositoryName", resolve(stack, repo.getRepositoryName()));
        put(properties, "ImageTagMutability", resolve(stack, repo.getImageTagMutability()));
        put(properties, "ImageTagMutabilityExclusionFilters",
                resolve(stack, repo.getImageTagMutabilityExclusionFilters()));
        put(properties, "ImageScanningConfiguration", resolve(stack, repo.getImageScanningConfiguration()));
        put(properties, "EmptyOnDelete", resolve(stack, repo.getEmptyOnDelete()));
        ObjectNode resource = resources.putObject(logicalId(repo));
        resource.put("Type", CfnRepository.CFN_RESOURCE_TYPE_NAME);
        resource.set("Properties", properties);
        JsonNode metadata = resolveRaw(stack, repo.getCfnOptions().getMetadata());
        if (metadata != null && metadata.isObject()) {
            resource.set("Metadata", metadata);
        }

        for (CfnRegistryScanningConfiguration s : scanning) {
            ObjectNode p = JSON.createObjectNode();
            put(p, "ScanType", resolve(s.getStack(), s.getScanType()));
            put(p, "Rules", resolve(s.getStack(), s.getRules()));
            ObjectNode r = resources.putObject("Scanning" + resources.size());
            r.put("Type", CfnRegistryScanningConfiguration.CFN_RESOURCE_TYPE_NAME);
            r.set("Properties", p);
        }

        Set<String> refs = new HashSet<>();
        collectRefs(properties, refs);
        if (!refs.isEmpty()) {
            ObjectNode parameters = JSON.createObjectNode();
            for (IConstruct c : stack.getNode().getChildren()) {
                if (c instanceof CfnParameter param) {
                    String id = String.valueOf(stack.resolve(param.getLogicalId()));
                    if (refs.contains(id)) {
                        ObjectNode p = parameters.putObject(id);
                        p.put("Type", param.getType());
                        put(p, "Default", resolveRaw(stack, param.getDefaultValue()));
                        if (param.getAllowedValues() != null) {
                            put(p, "AllowedValues", JSON.valueToTree(param.getAllowedValues()));
                        }
                    }
                }
            }
            if (!parameters.isEmpty()) {
                template.set("Parameters", parameters);
            }
        }
        return template;
    }

    static String logicalId(CfnResource resource) {
        return String.valueOf(resource.getStack().resolve(resource.getLogicalId()));
    }

    private static void put(ObjectNode node, String key, JsonNode value) {
        if (value != null && !value.isNull() && !value.isMissingNode()) {
            node.set(key, value);
        }
    }

    /** Resolves a property value and names its keys as CloudFormation does (the L1 getters use camelCase). */
    private static JsonNode resolve(Stack stack, Object value) {
        JsonNode raw = resolveRaw(stack, value);
        return raw == null ? null : pascal(raw);
    }

    private static JsonNode resolveRaw(Stack stack, Object value) {
        if (value == null) {
            return null;
        }
        return JSON.valueToTree(stack.resolve(value));
    }

    private static JsonNode pascal(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                // intrinsic functions (Ref, Fn::If...) keep their names, and so do their arguments
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
                    out.set(key, e.getValue());
                } else {
                    out.set(Character.toUpperCase(key.charAt(0)) + key.substring(1), pascal(e.getValue()));
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(n -> out.add(pascal(n)));
            return out;
        }
        return node;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            JsonNode ref = node.get("Ref");
            if (ref != null && ref.isTextual()) {
                refs.add(ref.asText());
            }
            node.forEach(n -> collectRefs(n, refs));
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    /** The registry scanning configurations anywhere below {@code root}. */
    static List<CfnRegistryScanningConfiguration> scanningConfigurations(IConstruct root) {
        List<CfnRegistryScanningConfiguration> found = new ArrayList<>();
        for (IConstruct c : root.getNode().findAll()) {
            if (c instanceof CfnRegistryScanningConfiguration s) {
                found.add(s);
            }
        }
        return found;
    }
}
