package dev.ecrguard.cdktf;

/**
 * What {@link ImmutableEcrRepository} does about the stack's AWS provider version when it writes floating tags.
 *
 * <p>The {@code image_tag_mutability_exclusion_filter} block and {@code IMMUTABLE_WITH_EXCLUSION} exist only from
 * hashicorp/aws 6.8.0 on, while {@code cdktf-provider-aws} 18.x pins the stack to the 5.x provider it was generated
 * from ({@code terraform.required_providers.aws.version = "5.23.1"}). Either way synth fails when the constraint that
 * ends up in {@code cdk.tf.json} still admits a version older than 6.8.0.
 */
public enum AwsProviderVersionMode {
    /**
     * The default: the construct sets the stack's constraint with
     * {@code stack.addOverride("terraform.required_providers.aws.version", awsProviderVersion)} (default
     * {@value ImmutableEcrRepository#DEFAULT_AWS_PROVIDER_VERSION}). Every resource of the stack is then planned with a
     * 6.x provider, although the 18.x bindings were generated from the 5.x schema: an argument that 6.0 removed or
     * renamed, used anywhere in the stack, fails at {@code terraform plan}.
     */
    SET_ON_STACK,
    /**
     * The construct leaves the constraint alone and synth fails, saying what to change, unless the stack's
     * constraint already requires 6.8.0 or later (for example set by the user with {@code stack.addOverride}).
     */
    CHECK_ONLY
}
