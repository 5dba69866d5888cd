package dev.ecrguard.cdktf;

import static dev.ecrguard.cdktf.Stacks.fullSynth;
import static dev.ecrguard.cdktf.Stacks.only;
import static dev.ecrguard.cdktf.Stacks.providerConstraint;
import static dev.ecrguard.cdktf.Stacks.stack;
import static dev.ecrguard.cdktf.Stacks.synth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Defaults that cannot hurt: no image is expired unless asked, and floating tags never change the provider version
 * the rest of the stack is planned with unless asked.
 */
class DefaultsTest {
    private static ImmutableEcrRepositoryProps.Builder props() {
        return ImmutableEcrRepositoryProps.builder().repositoryName("app");
    }

    @Test
    void noLifecyclePolicyUnlessExpiryIsAskedFor() throws Exception {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Kept", props().build());
        ImmutableEcrRepository expiring = new ImmutableEcrRepository(stack, "Expiring", ImmutableEcrRepositoryProps.builder()
                .repositoryName("cache").expireUntaggedImagesAfter(Duration.ofDays(30)).build());

        JsonNode out = synth(stack);
        JsonNode policy = only(out, "aws_ecr_lifecycle_policy").getValue();
        assertThat(policy.path("repository").asText()).contains(".Expiring_Repository_");
        JsonNode rule = Stacks.JSON.readTree(policy.path("policy").asText()).path("rules").get(0);
        assertThat(rule.path("selection").path("tagStatus").asText()).isEqualTo("untagged");
        assertThat(rule.path("selection").path("countNumber").asInt()).isEqualTo(30);
        assertThat(rule.path("description").asText()).isEqualTo("Expire untagged images 30 days after push");
        assertThat(expiring.getLifecyclePolicy()).isNotNull();
    }

    @Test
    void floatingTagsLeaveTheProviderConstraintAloneAndSynthSaysTheLineToAdd() {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Web", props().floatingTags("latest").build());

        assertThat(providerConstraint(synth(stack))).isEqualTo(ImmutableEcrRepositoryTest.BINDINGS_PROVIDER_VERSION);
        assertThatThrownBy(() -> Testing.fullSynth(stack))
                .hasMessageContaining("Encountered Annotations with level \"ERROR\"")
                .hasMessageContaining("[registry/Web/Repository]")
                .hasMessageContaining("stack.addOverride(\"terraform.required_providers.aws.version\", \"~> 6.8\")");
    }

    @Test
    void withTheOneLineAddedTheStackSynthesizes() {
        TerraformStack stack = stack();
        stack.addOverride("terraform.required_providers.aws.version", "~> 6.8");
        new ImmutableEcrRepository(stack, "Web", props().floatingTags("latest").build());

        JsonNode written = fullSynth(stack);
        assertThat(providerConstraint(written)).isEqualTo("~> 6.8");
        assertThat(only(written, "aws_ecr_repository").getValue().path("image_tag_mutability").asText())
                .isEqualTo("IMMUTABLE_WITH_EXCLUSION");
    }
}
