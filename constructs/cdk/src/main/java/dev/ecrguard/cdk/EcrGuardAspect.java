package dev.ecrguard.cdk;

import dev.ecrguard.waivers.Result;
import dev.ecrguard.Checker;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.Platform;
import dev.ecrguard.load.InputError;
import dev.ecrguard.report.SafeText;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.AspectOptions;
import software.amazon.awscdk.AspectPriority;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ecr.CfnRegistryScanningConfiguration;
import software.constructs.IConstruct;

/**
 * An Aspect that checks every resource the ecr-guard rules judge in its scope, from L2 constructs, L1 code or another
 * library: ECR repositories ({@link ImmutableRepository}, {@code Repository}, {@code CfnRepository}), repository
 * creation templates (ECR006), and the workloads that pull images: ECS task definitions, Lambda functions, Batch job
 * definitions and App Runner services (ECR008, judged with the repositories of their stack). Errors (ECR001: tags can
 * be overwritten) fail {@code cdk synth}; warnings (ECR003 scan on push off, ECR004 mutability unknown, ECR007 images
 * emptied on delete, ECR008 an image by a reference that can move) and notes (ECR002 floating tags) are shown.
 *
 * <pre>{@code
 * EcrGuardAspect.applyTo(app);   // after the stages are made: CDK does not carry aspects into a Stage
 * }</pre>
 *
 * <p>Findings that the repository's construct, or one of its parents, acknowledges with
 * {@code Validations.of(construct).acknowledge(...)} (id {@code ECR001} or {@code ecr-guard::ECR001}), or that its
 * {@code Metadata} waives, are not annotated. The Aspect judges the properties an L1 holds when aspects run;
 * {@code addPropertyOverride} escape hatches are only visible in the synthesized template, which
 * {@link EcrGuardPlugin} checks.
 *
 * <p>One voice: in a stage (or below an app) where the plugin was registered with {@link EcrGuardPlugin#addTo} or
 * {@link EcrGuardPlugin#register}, the Aspect adds nothing, since the plugin reports every finding the Aspect would.
 */
public final class EcrGuardAspect implements IAspect {
    private final Map<IConstruct, List<CfnRegistryScanningConfiguration>> scanningByRoot = new IdentityHashMap<>();
    private final Map<IConstruct, Acknowledgements> acknowledgementsByRoot = new IdentityHashMap<>();
    private final Map<String, Boolean> pluginByStagePath = new HashMap<>();
    private final Map<String, Result> resultByStack = new HashMap<>();

    /** The CloudFormation types whose resources the rules judge, and so the Aspect annotates. */
    static final Set<String> JUDGED_TYPES = Set.of("AWS::ECR::Repository", "AWS::ECR::RepositoryCreationTemplate",
            "AWS::ECS::TaskDefinition", "AWS::Lambda::Function", "AWS::Batch::JobDefinition", "AWS::AppRunner::Service");

    /**
     * Adds a new aspect to {@code scope} (usually the app) and to every {@code Stage} below it, with the read-only
     * priority, so that it runs after aspects that change resources. CDK does not carry aspects across a Stage
     * boundary: call this once every stage exists (at the end of {@code main}), or call it for a stage made later.
     *
     * @param scope the construct tree to check: the app, a stage or a stack
     * @return the aspect, added to every stack and stage under the scope
     */
    public static EcrGuardAspect applyTo(IConstruct scope) {
        EcrGuardAspect aspect = new EcrGuardAspect();
        AspectOptions options = AspectOptions.builder().priority(AspectPriority.READONLY).build();
        Aspects.of(scope).add(aspect, options);
        for (IConstruct c : scope.getNode().findAll()) {
            if (c != scope && Stage.isStage(c)) {
                Aspects.of(c).add(aspect, options);
            }
        }
        return aspect;
    }

    @Override
    public void visit(IConstruct node) {
        if (!(node instanceof CfnResource resource) || !JUDGED_TYPES.contains(resource.getCfnResourceType())
                || pluginReports(node)) {
            return;
        }
        if (!ResourceRenderer.renders(resource)) {
            // a generic CfnResource: its properties are not readable before synthesis
            Validations.of(node).addWarning("ecr-guard-unchecked", "[ecr-guard] this " + resource.getCfnResourceType()
                    + " is a generic CfnResource whose properties cannot be read before synthesis, so the Aspect "
                    + "cannot judge it; register EcrGuardPlugin to check the synthesized template.");
            return;
        }
        IConstruct root = node.getNode().getRoot();
        Stack stack = resource.getStack();
        // one check per stack, so that a workload is judged with the repositories beside it
        Result result = resultByStack.computeIfAbsent(stack.getNode().getPath(), path -> Checker.shared().check(
                ResourceRenderer.template(stack, scanningByRoot.computeIfAbsent(root,
                        ResourceRenderer::scanningConfigurations)), path));
        if (!result.inputs().errors.isEmpty()) {
            Annotations.of(node).addError("[ecr-guard] cannot check this resource: " + SafeText.escape(result.inputs()
                    .errors.stream().map(InputError::getMessage).collect(Collectors.joining("; "))));
            return;
        }
        String logicalId = ResourceRenderer.logicalId(resource);
        // every acknowledgement of the app, as the plugin reads them: an id that names its construct
        // (ecr-guard::ECR001@Registry/Legacy) covers it wherever it is recorded
        Acknowledgements acks = acknowledgementsByRoot.computeIfAbsent(root,
                r -> Acknowledgements.collect(r.getNode().findAll()));
        String path = node.getNode().getPath();
        for (Finding f : result.findings()) {
            if (!f.resource().equals(logicalId) || acks.covering(f.ruleId(), path).isPresent()) {
                continue;
            }
            // the message quotes the template's values: escaped, so a value cannot write lines into the synth output
            String text = "[ecr-guard " + f.ruleId() + "] " + SafeText.escape(f.message());
            switch (f.severity()) {
                case ERROR -> Validations.of(node).addError(f.ruleId(), text + " Fix: " + fix(f.ruleId()));
                case WARNING -> Validations.of(node).addWarning(f.ruleId(), text + " Fix: " + fix(f.ruleId()));
                case NOTE, NEVER -> Annotations.of(node).addInfoV2(f.ruleId(), text);
            }
        }
    }

    /** Whether an {@link EcrGuardPlugin} registered on the node's stage or a stage above it reports the node. */
    private boolean pluginReports(IConstruct node) {
        for (IConstruct scope : node.getNode().getScopes()) {
            if (Stage.isStage(scope) && pluginByStagePath.computeIfAbsent(scope.getNode().getPath(),
                    p -> scope.getNode().getMetadata().stream()
                            .anyMatch(m -> EcrGuardPlugin.REGISTERED_METADATA_TYPE.equals(m.getType())))) {
                return true;
            }
        }
        return false;
    }

    private static String fix(String ruleId) {
        return Checker.shared().catalog().fix(ruleId, Platform.CDK);
    }
}
