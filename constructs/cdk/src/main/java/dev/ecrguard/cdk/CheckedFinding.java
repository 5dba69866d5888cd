package dev.ecrguard.cdk;

/**
 * A finding of the ecr-guard rules on a synthesized stack, as {@link EcrGuardAssertions} reports it.
 *
 * @param ruleId {@code ECR001}...
 * @param severity {@code error}, {@code warning} or {@code note}
 * @param constructPath the construct that made the resource (the L2 when the resource is its default child)
 * @param logicalId the resource's logical id in its template
 * @param message what is wrong
 * @param waiverReason why the finding is accepted (an acknowledgement or a Metadata waiver), or {@code null}
 */
public record CheckedFinding(String ruleId, String severity, String constructPath, String logicalId, String message,
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
        return severity + " " + ruleId + " " + (constructPath != null ? constructPath + " (" + logicalId + ")"
                : logicalId) + ": " + message + (waived() ? " [waived: " + waiverReason + "]" : "");
    }

    static CheckedFinding of(TemplateCheck.Located l) {
        return new CheckedFinding(l.finding().ruleId(), l.finding().severity().label(), l.displayPath(), l.logicalId(),
                l.finding().message(), l.reason());
    }
}
