package dev.ecrguard.cdk;

import dev.ecrguard.Checker;
import dev.ecrguard.engine.Rule;
import java.util.Map;

/**
 * How to fix each rule's finding in a Java CDK app. The rule catalogue's own fix (Terraform, CloudFormation and
 * TypeScript CDK in one text) is used for a rule not listed here.
 */
final class CdkFixes {
    private static final String ACKNOWLEDGE = " If the tags really must move, accept the rule for that construct only: "
            + "ImmutableRepositoryProps.mutableTagsReason(\"why\"), or Validations.of(construct).acknowledge("
            + "Acknowledgment.builder().id(\"ECR001\").reason(\"why\").build()).";

    private static final Map<String, String> FIXES = Map.of(
            "ECR001", "Use dev.ecrguard.cdk.ImmutableRepository, or set imageTagMutability(TagMutability.IMMUTABLE) "
                    + "(IMMUTABLE_WITH_EXCLUSION with imageTagMutabilityExclusionFilters naming only the tags meant "
                    + "to move, such as latest)." + ACKNOWLEDGE,
            "ECR002", "Keep the floating tags to tags that are meant to move (such as latest), and never deploy by "
                    + "them.",
            "ECR003", "Set imageScanOnPush(true) (ImmutableRepository does by default), or add a "
                    + "CfnRegistryScanningConfiguration rule with scanFrequency SCAN_ON_PUSH or CONTINUOUS_SCAN whose "
                    + "filter matches the repository.",
            "ECR004", "Give the tag mutability a value known at synth time: a literal, or a CfnParameter with a "
                    + "default and allowedValues that are all immutable.",
            "ECR006", "Set imageTagMutability IMMUTABLE (or IMMUTABLE_WITH_EXCLUSION with narrow filters) on the "
                    + "CfnRepositoryCreationTemplate.",
            "ECR007", "Drop emptyOnDelete (and the deprecated autoDeleteImages): keep images with the repository, "
                    + "which ImmutableRepository retains.",
            "ECR008", "Deploy an immutable tag (ContainerImage.fromEcrRepository(repo, \"1.4.2\")) or a digest "
                    + "(@sha256:...), never latest or a tag of a mutable repository.");

    private CdkFixes() {}

    static String fix(String ruleId) {
        String fix = FIXES.get(ruleId);
        if (fix != null) {
            return fix;
        }
        return Checker.shared().catalog().find(ruleId).map(Rule::recommendedActions).orElse(null);
    }
}
