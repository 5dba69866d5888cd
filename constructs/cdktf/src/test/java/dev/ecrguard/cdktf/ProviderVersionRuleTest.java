package dev.ecrguard.cdktf;

import static dev.ecrguard.cdktf.Stacks.fullSynth;
import static dev.ecrguard.cdktf.Stacks.providerConstraint;
import static dev.ecrguard.cdktf.Stacks.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import dev.ecrguard.Checker;
import dev.ecrguard.engine.Platform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The construct's provider version check is rule ECR009 (rego/policies): a constraint that admits a provider older
 * than 6.8.0 fails synth, whether the construct wrote it (SET_ON_STACK with the given awsProviderVersion) or not, with
 * the rule's message and its CDKTF fix. The table of constraints is the rule's own Rego test.
 */
class ProviderVersionRuleTest {
    private static TerraformStack floating(String awsProviderVersion) {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Images", ImmutableEcrRepositoryProps.builder().repositoryName("app")
                .floatingTags("latest").awsProviderVersionMode(AwsProviderVersionMode.SET_ON_STACK)
                .awsProviderVersion(awsProviderVersion).build());
        return stack;
    }

    @ParameterizedTest(name = "awsProviderVersion \"{0}\"")
    @ValueSource(strings = {"~> 5.0", "< 7.0.0", ">= 6.0", "latest"})
    void aConstraintThatAdmitsAnOlderProviderFailsSynth(String constraint) {
        TerraformStack stack = floating(constraint);

        assertThatThrownBy(() -> Testing.fullSynth(stack))
                .hasMessageContaining("Encountered Annotations with level \"ERROR\"")
                .hasMessageContaining("[registry/Images/Repository] ecr-guard ECR009 (error) registry/aws_ecr_repository.")
                .hasMessageContaining("(terraform.required_providers.aws.version) is \"" + constraint + "\"")
                .hasMessageContaining("require 6.8.0 or later, such as \"~> 6.8\".")
                .hasMessageContaining(" Fix: " + Checker.shared().catalog().fix("ECR009", Platform.CDKTF));
    }

    @ParameterizedTest(name = "awsProviderVersion \"{0}\"")
    @ValueSource(strings = {"~> 6.8", ">= 6.20.0, < 7.0.0", "6.8.0"})
    void aConstraintThatRequiresTheVersionSynthesizes(String constraint) {
        assertThat(providerConstraint(fullSynth(floating(constraint)))).isEqualTo(constraint);
    }
}
