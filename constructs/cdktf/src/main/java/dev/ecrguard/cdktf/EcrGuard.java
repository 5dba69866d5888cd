package dev.ecrguard.cdktf;

import dev.ecrguard.waivers.Result;
import dev.ecrguard.waivers.Waived;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.Annotations;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.Aspects;
import com.hashicorp.cdktf.IAspect;
import com.hashicorp.cdktf.TerraformStack;
import dev.ecrguard.Checker;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.Platform;
import dev.ecrguard.engine.Severity;
import dev.ecrguard.load.InputError;
import dev.ecrguard.report.SafeText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jetbrains.annotations.NotNull;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Synth-time enforcement: runs the ecr-guard checker on each stack it is added to, as the stack will be written, and
 * turns findings into annotations. A finding at or above {@code failOn} (default {@code error}: ECR001 mutable tags,
 * ECR005, ECR006, and ECR009, an AWS provider constraint that admits versions without exclusion filters) becomes an
 * ERROR annotation, which makes {@code app.synth()} (and {@code Testing.fullSynth}) throw
 * {@code Encountered Annotations with level "ERROR"} before the stack's {@code cdk.tf.json} is written. Lower findings
 * become warnings or infos; findings waived by the input (the {@link ImmutableEcrRepository} opt-out) become infos
 * naming the reason. It judges whatever made the resource: {@link ImmutableEcrRepository}, a raw
 * {@code EcrRepository}, an {@code addOverride} on the resource or on the stack.
 *
 * <p>Add it to each stack ({@link #enforce(TerraformStack)}, or {@link #enforceAll(App)} once every stack exists):
 * cdktf 0.19 invokes aspects from each stack down and ignores those added to the App.
 *
 * <p>The check runs after every other aspect has visited the stack: when it visits the stack it adds an empty child
 * construct ({@value #CHECKPOINT_ID}), which the aspect walk visits last, and checks the stack there.
 */
public final class EcrGuard implements IAspect {
    /** The id of the empty construct at whose visit the stack is checked. */
    public static final String CHECKPOINT_ID = "EcrGuardCheck";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Severity failOn;
    private final Set<String> reported = new HashSet<>();

    private EcrGuard(Severity failOn) {
        this.failOn = Objects.requireNonNull(failOn, "failOn");
    }

    /**
     * Enforce on one stack: fail synth on findings of severity error. Adding it twice has no further effect.
     *
     * @param stack the stack
     * @return the guard on the stack (the existing one when there is one)
     */
    public static EcrGuard enforce(@NotNull TerraformStack stack) {
        return enforce(stack, Severity.ERROR);
    }

    /**
     * Enforce on one stack, failing synth on findings at or above {@code failOn}.
     *
     * @param stack the stack
     * @param failOn the lowest severity that fails synth
     * @return the guard on the stack (the existing one when there is one)
     */
    public static EcrGuard enforce(@NotNull TerraformStack stack, @NotNull Severity failOn) {
        for (IAspect aspect : Aspects.of(stack).getAll()) {
            if (aspect instanceof EcrGuard existing) {
                return existing;
            }
        }
        EcrGuard guard = new EcrGuard(failOn);
        Aspects.of(stack).add(guard);
        return guard;
    }

    /**
     * Enforce on every stack that the app holds now (call it after creating the stacks, before {@code synth()}).
     *
     * @param app the app
     * @return the guards, one per stack
     */
    public static List<EcrGuard> enforceAll(@NotNull App app) {
        List<EcrGuard> guards = new ArrayList<>();
        for (IConstruct node : app.getNode().findAll()) {
            if (Boolean.TRUE.equals(TerraformStack.isStack(node))) {
                guards.add(enforce(TerraformStack.of(node)));
            }
        }
        if (guards.isEmpty()) {
            throw new IllegalStateException("EcrGuard.enforceAll: the app has no TerraformStack yet; create the stacks first");
        }
        return guards;
    }

    /**
     * The lowest severity that fails synth.
     *
     * @return the threshold
     */
    public Severity failOn() {
        return failOn;
    }

    @Override
    public void visit(@NotNull IConstruct node) {
        if (Boolean.TRUE.equals(TerraformStack.isStack(node))) {
            TerraformStack stack = TerraformStack.of(node);
            if (stack.getNode().tryFindChild(CHECKPOINT_ID) == null) {
                new Construct(stack, CHECKPOINT_ID);
            }
            return;
        }
        if (CHECKPOINT_ID.equals(node.getNode().getId()) && node.getNode().getScope() != null
                && Boolean.TRUE.equals(TerraformStack.isStack(node.getNode().getScope()))) {
            check(TerraformStack.of(node));
        }
    }

    /**
     * Checks the stack as it will be synthesized and annotates it; also usable without the aspect walk.
     *
     * @param stack the stack
     */
    public void check(@NotNull TerraformStack stack) {
        Result result;
        try {
            result = checkSynthesized(stack);
        } catch (Exception | Error e) {
            annotate(stack, Severity.ERROR, "ecr-guard could not check this stack: " + e);
            return;
        }
        String stackName = stack.getNode().getId();
        for (InputError error : result.inputs().errors) {
            annotate(stack, Severity.ERROR, "ecr-guard could not check this stack (it fails closed): " + error.getMessage());
        }
        for (Finding f : result.findings()) {
            Severity severity = f.severity();
            annotate(target(stack, f.constructPath()), severity.atLeast(failOn) ? Severity.ERROR
                    : severity == Severity.ERROR ? Severity.WARNING : severity, describe(stack, f));
        }
        for (Waived w : result.waived()) {
            Finding f = w.finding();
            annotate(target(stack, f.constructPath()), Severity.NOTE, "ecr-guard " + f.ruleId() + " waived for "
                    + stackName + "/" + f.resource() + ": " + w.reason());
        }
    }

    /** Runs the checker, in memory, on the stack as it will be synthesized. */
    static Result checkSynthesized(TerraformStack stack) {
        ObjectNode synthesized = JSON.valueToTree(stack.toTerraform());
        return Checker.shared().check(synthesized, stack.getNode().getId() + "/cdk.tf.json");
    }

    /** A finding as an annotation says it, with how to fix it in CDKTF (the rule's custom.fix.cdktf). */
    static String describe(TerraformStack stack, Finding f) {
        return "ecr-guard " + f.ruleId() + " (" + f.severity().label() + ") " + stack.getNode().getId() + "/"
                + f.resource() + ": " + f.message() + " Fix: " + Checker.shared().catalog().fix(f.ruleId(), Platform.CDKTF);
    }

    private static IConstruct target(TerraformStack stack, String constructPath) {
        if (constructPath != null) {
            for (IConstruct node : stack.getNode().findAll()) {
                if (constructPath.equals(node.getNode().getPath())) {
                    return node;
                }
            }
        }
        return stack;
    }

    /** Annotates a construct; the message quotes the stack's names and values, so it is escaped to stay one line. */
    private void annotate(IConstruct node, Severity level, String unescaped) {
        String message = SafeText.escape(unescaped);
        if (!reported.add(node.getNode().getPath() + "\n" + level + "\n" + message)) {
            return;
        }
        switch (level) {
            case ERROR -> Annotations.of(node).addError(message);
            case WARNING -> Annotations.of(node).addWarning(message);
            default -> Annotations.of(node).addInfo(message);
        }
    }
}
