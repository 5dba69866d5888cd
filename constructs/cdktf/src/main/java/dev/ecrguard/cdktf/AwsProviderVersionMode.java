package dev.ecrguard.cdktf;

/**
 * What {@link ImmutableEcrRepository} does about the stack's AWS provider version when it writes floating tags.
 *
 * <p>The {@code image_tag_mutability_exclusion_filter} block and {@code IMMUTABLE_WITH_EXCLUSION} exist only from
 * hashicorp/aws 6.8.0 on, while {@code cdktf-provider-aws} 18.x pins the stack to the 5.x provider it was generated
 * from ({@code terraform.required_providers.aws.version = "5.23.1"}). Either way synth fails when the constraint that
 * ends up in {@code cdk.tf.json} still admits a version older than 6.8.0.
 *
 * <p>The default is {@link #CHECK_ONLY}: a repository construct must not change the provider version every other
 * resource of the stack is planned with.
 */
public enum AwsProviderVersionMode {
    /**
     * Opt-in: the construct sets the stack's constraint with
     * {@code stack.addOverride("terraform.required_providers.aws.version", awsProviderVersion)} (default
     * {@value ImmutableEcrRepository#DEFAULT_AWS_PROVIDER_VERSION}). Every resource of the stack is then planned with a
     * 6.x provider, although the 18.x bindings were generated from the 5.x schema: an argument that 6.0 removed or
     * renamed, used anywhere in the stack, fails at {@code terraform plan}.
     */
    SET_ON_STACK,
    /**
     * The default: the construct leaves the constraint alone and synth fails, saying the one line to add
     * ({@code stack.addOverride("terraform.required_providers.aws.version", "~> 6.8")}), unless the stack's final
     * constraint already requires 6.8.0 or later.
     */
    CHECK_ONLY
}
