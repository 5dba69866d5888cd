package dev.ecrguard.engine;

/**
 * Where a user writes the fix for a finding. Each rule's METADATA says how to fix it on every platform
 * ({@code custom.fix.<key>}), so the CLI, SARIF and the constructs all give the same advice.
 */
public enum Platform {
    /** Terraform configuration (HCL or JSON). */
    TERRAFORM("terraform", "Terraform"),
    /** CloudFormation templates, and CDK apps in other languages than Java. */
    CLOUDFORMATION("cloudformation", "CloudFormation"),
    /** An AWS CDK app in Java, with the ecr-guard-cdk constructs. */
    CDK("cdk", "AWS CDK (Java)"),
    /** A CDK for Terraform app in Java, with the ecr-guard-cdktf constructs. */
    CDKTF("cdktf", "CDKTF (Java)");

    private final String key;
    private final String label;

    Platform(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /**
     * The key of this platform's text under {@code custom.fix} in a rule's METADATA (and {@code fix} in rules.json).
     *
     * @return {@code terraform}, {@code cloudformation}, {@code cdk} or {@code cdktf}
     */
    public String key() {
        return key;
    }

    /**
     * The platform's name for people.
     *
     * @return e.g. {@code CloudFormation}
     */
    public String label() {
        return label;
    }
}
