package dev.ecrguard.cdktf;

/**
 * How an {@link ImmutableEcrRepository} encrypts images: {@code encryption_configuration.encryption_type}. The names
 * are the CDK construct's ({@code RepositoryEncryption.AES_256}, {@code KMS}).
 */
public enum RepositoryEncryption {
    /** AES-256 with keys ECR manages: ECR's default, so the construct writes no {@code encryption_configuration}. */
    AES_256("AES256"),
    /** KMS, with the given key or, without one, the AWS managed key for ECR. */
    KMS("KMS");

    private final String terraformValue;

    RepositoryEncryption(String terraformValue) {
        this.terraformValue = terraformValue;
    }

    /** {@return the value of {@code encryption_type}} */
    public String terraformValue() {
        return terraformValue;
    }
}
