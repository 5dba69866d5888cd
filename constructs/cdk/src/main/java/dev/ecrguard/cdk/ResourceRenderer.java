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
import software.amazon.awscdk.services.apprunner.CfnService;
import software.amazon.awscdk.services.batch.CfnJobDefinition;
import software.amazon.awscdk.services.ecr.CfnRepository;
import software.amazon.awscdk.services.ecr.CfnRepositoryCreationTemplate;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.constructs.IConstruct;

/**
 * Renders a stack's resources that the rules judge into a small CloudFormation template for the checker, before
 * synthesis (an Aspect cannot synthesize): the properties the rules read, through the L1s' public getters and
 * resolved by the stack, their {@code Metadata}, the parameters they refer to, and the registry scanning
 * configurations of the app (they decide rule ECR003). Property overrides added with {@code addPropertyOverride} are not visible to the
 * getters; the {@link EcrGuardPlugin}, which checks the synthesized templates, sees them.
 */
final class ResourceRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResourceRenderer() {}

    /**
     * Every resource of {@code stack} that the rules judge, rendered as a template: repositories, creation templates
     * and the workloads that pull images (ECS task definitions, Lambda functions, Batch job definitions, App Runner
     * services), so that a workload is judged against the repositories beside it (rule ECR008), with the registry
     * scanning configurations of the app (they decide rule ECR003) and the parameters the properties refer to.
     * Resources of nested stacks belong to their own stack's template.
     */
    static ObjectNode template(Stack stack, List<CfnRegistryScanningConfiguration> scanning) {
        ObjectNode template = JSON.createObjectNode();
        ObjectNode resources = template.putObject("Resources");
        String stackPath = stack.getNode().getPath();
        Set<String> refs = new HashSet<>();
        for (IConstruct c : stack.getNode().findAll()) {
            if (!(c instanceof CfnResource r) || !r.getStack().getNode().getPath().equals(stackPath)) {
                continue;
            }
            ObjectNode properties = properties(stack, r);
            if (properties == null) {
                continue;
            }
            collectRefs(properties, refs);
            ObjectNode resource = resources.putObject(logicalId(r));
            resource.put("Type", r.getCfnResourceType());
            resource.set("Properties", properties);
            JsonNode metadata = resolveRaw(stack, r.getCfnOptions().getMetadata());
            if (metadata != null && metadata.isObject()) {
                resource.set("Metadata", metadata);
            }
        }

        for (CfnRegistryScanningConfiguration s : scanning) {
            ObjectNode p = JSON.createObjectNode();
            put(p, "ScanType", resolve(s.getStack(), s.getScanType()));
            put(p, "Rules", resolve(s.getStack(), s.getRules()));
            ObjectNode r = resources.putObject("Scanning" + resources.size());
            r.put("Type", CfnRegistryScanningConfiguration.CFN_RESOURCE_TYPE_NAME);
            r.set("Properties", p);
        }

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

    /**
     * Whether the Aspect can render this resource from its L1 getters: a generic {@code CfnResource} of a judged type
     * holds its properties where they cannot be read before synthesis.
     */
    static boolean renders(CfnResource resource) {
        return resource instanceof CfnRepository || resource instanceof CfnRepositoryCreationTemplate
                || resource instanceof CfnTaskDefinition || resource instanceof CfnFunction
                || resource instanceof CfnJobDefinition || resource instanceof CfnService;
    }

    /** The properties the rules read, named as in CloudFormation; null for a type the rules do not judge. */
    private static ObjectNode properties(Stack stack, CfnResource resource) {
        ObjectNode p = JSON.createObjectNode();
        if (resource instanceof CfnRepository repo) {
            put(p, "RepositoryName", resolve(stack, repo.getRepositoryName()));
            put(p, "ImageTagMutability", resolve(stack, repo.getImageTagMutability()));
            put(p, "ImageTagMutabilityExclusionFilters", resolve(stack, repo.getImageTagMutabilityExclusionFilters()));
            put(p, "ImageScanningConfiguration", resolve(stack, repo.getImageScanningConfiguration()));
            put(p, "EmptyOnDelete", resolve(stack, repo.getEmptyOnDelete()));
        } else if (resource instanceof CfnRepositoryCreationTemplate t) {
            put(p, "Prefix", resolve(stack, t.getPrefix()));
            put(p, "AppliedFor", resolve(stack, t.getAppliedFor()));
            put(p, "ImageTagMutability", resolve(stack, t.getImageTagMutability()));
            put(p, "ImageTagMutabilityExclusionFilters", resolve(stack, t.getImageTagMutabilityExclusionFilters()));
        } else if (resource instanceof CfnTaskDefinition t) {
            put(p, "ContainerDefinitions", resolve(stack, t.getContainerDefinitions()));
        } else if (resource instanceof CfnFunction f) {
            put(p, "Code", resolve(stack, f.getCode()));
            put(p, "PackageType", resolve(stack, f.getPackageType()));
        } else if (resource instanceof CfnJobDefinition j) {
            put(p, "ContainerProperties", resolve(stack, j.getContainerProperties()));
        } else if (resource instanceof CfnService s) {
            put(p, "SourceConfiguration", resolve(stack, s.getSourceConfiguration()));
        } else {
            return null;
        }
        return p;
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
