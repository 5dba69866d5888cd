package dev.ecrguard.cdk;

import dev.ecrguard.engine.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * AssertJ-style assertions that a stack passes the ecr-guard rules, for users' own JUnit tests.
 *
 * <pre>{@code
 * import static dev.ecrguard.cdk.EcrGuardAssertions.assertThat;
 *
 * assertThat(stack).hasNoFindings();
 * assertThat(stack).hasNoFindingsAtOrAbove("error").hasWaived("ECR001");
 * assertThat(stack).hasFinding("ECR003", "MyStack/Images");
 * }</pre>
 *
 * <p>The stack is synthesized (with its app's validation plugins, as {@code Template.fromStack} does) and its
 * template, with its nested stacks, is checked. Acknowledgements and Metadata waivers are applied: a waived
 * finding is not a finding for {@link EcrGuardAssert#hasNoFindings()}, and {@link EcrGuardAssert#hasWaived(String)}
 * asserts it.
 */
public final class EcrGuardAssertions {
    private EcrGuardAssertions() {}

    /**
     * Synthesizes the stack's app (or stage) and checks the stack's template and nested stack templates.
     *
     * @param stack the stack
     * @return an assertion on the stack's findings
     */
    public static EcrGuardAssert assertThat(Stack stack) {
        return new EcrGuardAssert(check(stack), stack.getNode().getPath());
    }

    /**
     * Every finding on the stack, waived ones included (see {@link CheckedFinding#waived()}).
     *
     * @param stack the stack
     * @return the findings, waived ones included
     */
    public static List<CheckedFinding> check(Stack stack) {
        CloudAssembly assembly = Stage.of(stack).synth();
        Path template = Path.of(assembly.getDirectory()).resolve(stack.getTemplateFile());
        TemplateCheck.Outcome outcome = TemplateCheck.run(stack.getNode().getRoot(), List.of(template.toString()));
        List<CheckedFinding> all = new ArrayList<>();
        outcome.findings().forEach(l -> all.add(CheckedFinding.of(l)));
        outcome.waived().forEach(l -> all.add(CheckedFinding.of(l)));
        return all;
    }

    /** Assertions on the findings of one stack. */
    public static final class EcrGuardAssert extends AbstractAssert<EcrGuardAssert, List<CheckedFinding>> {
        private final String stack;

        EcrGuardAssert(List<CheckedFinding> findings, String stack) {
            super(findings, EcrGuardAssert.class);
            this.stack = stack;
        }

        /**
         * No finding of any severity, other than waived ones.
         *
         * @return this assertion, for chaining
         */
        public EcrGuardAssert hasNoFindings() {
            return hasNoFindingsAtOrAbove("note");
        }

        /**
         * No finding at or above {@code severity} ({@code error}, {@code warning}, {@code note}), other than waived ones.
         *
         * @param severity {@code error}, {@code warning}, {@code note} or {@code never}
         * @return this assertion, for chaining
         */
        public EcrGuardAssert hasNoFindingsAtOrAbove(String severity) {
            isNotNull();
            Severity threshold = Severity.parse(severity);
            List<CheckedFinding> found = active().stream()
                    .filter(f -> f.severity().atLeast(threshold)).toList();
            if (!found.isEmpty()) {
                failWithMessage("Expected stack %s to have no ecr-guard findings at or above %s, but it has:%n%s",
                        stack, severity, lines(found));
            }
            return this;
        }

        /**
         * A finding (not waived) of {@code ruleId}.
         *
         * @param ruleId a rule id such as {@code ECR001}
         * @return this assertion, for chaining
         */
        public EcrGuardAssert hasFinding(String ruleId) {
            return hasFinding(ruleId, null);
        }

        /**
         * A finding (not waived) of {@code ruleId} on the construct at {@code constructPath} (or that logical id).
         *
         * @param ruleId a rule id such as {@code ECR001}
         * @param constructPath the construct path of the repository, e.g. {@code Registry/Images}
         * @return this assertion, for chaining
         */
        public EcrGuardAssert hasFinding(String ruleId, String constructPath) {
            isNotNull();
            if (active().stream().noneMatch(f -> f.ruleId().equals(ruleId) && on(f, constructPath))) {
                failWithMessage("Expected stack %s to have an ecr-guard %s finding%s, but it has:%n%s", stack, ruleId,
                        constructPath == null ? "" : " on " + constructPath, lines(actual));
            }
            return this;
        }

        /**
         * A finding of {@code ruleId} that the stack waives (acknowledgement or Metadata waiver).
         *
         * @param ruleId a rule id such as {@code ECR001}
         * @return this assertion, for chaining
         */
        public EcrGuardAssert hasWaived(String ruleId) {
            isNotNull();
            if (actual.stream().noneMatch(f -> f.waived() && f.ruleId().equals(ruleId))) {
                failWithMessage("Expected stack %s to waive an ecr-guard %s finding, but it has:%n%s", stack, ruleId,
                        lines(actual));
            }
            return this;
        }

        /**
         * The findings that are not waived, for further assertions.
         *
         * @return an AssertJ list assertion on the findings
         */
        public ListAssert<CheckedFinding> findings() {
            return Assertions.assertThat(active());
        }

        private List<CheckedFinding> active() {
            return actual.stream().filter(f -> !f.waived()).toList();
        }

        private static boolean on(CheckedFinding f, String where) {
            return where == null || where.equals(f.constructPath()) || where.equals(f.logicalId());
        }

        private static String lines(List<CheckedFinding> findings) {
            return findings.isEmpty() ? "  (no findings)"
                    : findings.stream().map(f -> "  " + f).collect(Collectors.joining(System.lineSeparator()));
        }
    }
}
