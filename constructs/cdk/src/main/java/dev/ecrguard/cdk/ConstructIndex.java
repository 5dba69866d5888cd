package dev.ecrguard.cdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.constructs.IConstruct;

/**
 * What the plugin and the test helper need to know of the construct tree: the nested stack templates (which are
 * assets, not stack artifacts, so CDK does not list them), which construct made each resource of each template,
 * and the acknowledgements. Built from one {@code findAll()}; the per-construct look-ups (each a call into the
 * jsii runtime) are made only when a finding needs them.
 */
final class ConstructIndex {
    /** A CloudFormation resource and the construct that made it. */
    record Resource(String path, String displayPath) {}

    private final List<IConstruct> all;
    private final Map<String, Path> templateByStack = new HashMap<>();
    private Map<String, Resource> resources;
    private Acknowledgements acknowledgements;

    ConstructIndex(IConstruct root) {
        this.all = root.getNode().findAll();
    }

    static Path normalize(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    /** The template of a stack (nested or not), as a normalized absolute path. */
    Path templateOf(Stack stack) {
        return templateByStack.computeIfAbsent(stack.getNode().getPath(),
                p -> normalize(Stage.of(stack).getOutdir()).resolve(stack.getTemplateFile()).normalize());
    }

    /** The templates of the nested stacks, at any depth, below a stack that has one of {@code roots} as template. */
    List<Path> nestedTemplates(Set<Path> roots) {
        List<Path> nested = new ArrayList<>();
        for (IConstruct c : all) {
            if (c instanceof NestedStack stack) {
                for (Stack parent = stack.getNestedStackParent(); parent != null;
                        parent = parent.getNestedStackParent()) {
                    if (roots.contains(templateOf(parent))) {
                        nested.add(templateOf(stack));
                        break;
                    }
                }
            }
        }
        return nested;
    }

    /** The construct that made the resource {@code logicalId} of {@code template}, if the tree has it. */
    Resource resource(Path template, String logicalId) {
        if (resources == null) {
            resources = new HashMap<>();
            for (IConstruct c : all) {
                if (c instanceof CfnResource cfn) {
                    Stack stack = cfn.getStack();
                    String id = String.valueOf(stack.resolve(cfn.getLogicalId()));
                    String path = c.getNode().getPath();
                    IConstruct parent = c.getNode().getScope();
                    // like CDK's own report: an L1 that is its L2's default child is shown as the L2
                    String display = parent != null && parent.getNode().getDefaultChild() != null
                            && parent.getNode().getDefaultChild().getNode().getPath().equals(path)
                            ? parent.getNode().getPath() : path;
                    resources.put(key(templateOf(stack), id), new Resource(path, display));
                }
            }
        }
        return resources.get(key(template, logicalId));
    }

    Acknowledgements acknowledgements() {
        if (acknowledgements == null) {
            acknowledgements = Acknowledgements.collect(all);
        }
        return acknowledgements;
    }

    private static String key(Path template, String logicalId) {
        return template + "#" + logicalId;
    }
}
