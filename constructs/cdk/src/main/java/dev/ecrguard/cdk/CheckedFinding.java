package dev.ecrguard.cdk;

import dev.ecrguard.engine.Severity;

/**
 * A finding of the ecr-guard rules on a synthesized stack, as {@link EcrGuardAssertions} reports it.
 *
 * @param ruleId {@code ECR001}...
 * @param severity the rule's severity: {@link Severity#ERROR}, {@link Severity#WARNING} or {@link Severity#NOTE}
 * @param constructPath the construct that made the resource (the L2 when the resource is its default child)
 * @param logicalId the resource's logical id in its template
 * @param message what is wrong
 * @param waiverReason why the finding is accepted (an acknowledgement or a Metadata waiver), or {@code null}
 */
public record CheckedFinding(String ruleId, Severity severity, String constructPath, String logicalId, String message,
        String waiverReason) {
    /**
     * Whether the finding is waived (acknowledged in the app or by a waiver in the template).
     *
     * @return true for a waived finding
     */
    public boolean waived() {
        return waiverReason != null;
    }

    @Override
    public String toString() {
        return severity.label() + " " + ruleId + " " + (constructPath != null ? constructPath + " (" + logicalId + ")"
                : logicalId) + ": " + message + (waived() ? " [waived: " + waiverReason + "]" : "");
    }

    static CheckedFinding of(TemplateCheck.Located l) {
        return new CheckedFinding(l.finding().ruleId(), l.finding().severity(), l.displayPath(), l.logicalId(),
                l.finding().message(), l.reason());
    }
}
