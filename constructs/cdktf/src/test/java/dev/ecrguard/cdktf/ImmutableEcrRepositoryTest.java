package dev.ecrguard.cdktf;

import static dev.ecrguard.cdktf.Stacks.fullSynth;
import static dev.ecrguard.cdktf.Stacks.only;
import static dev.ecrguard.cdktf.Stacks.providerConstraint;
import static dev.ecrguard.cdktf.Stacks.stack;
import static dev.ecrguard.cdktf.Stacks.synth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecrguard.waivers.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.ecr_repository.EcrRepository;
import dev.ecrguard.Checker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImmutableEcrRepositoryTest {
    /** What cdktf-provider-aws 18.0.3 writes into terraform.required_providers.aws.version. */
    static final String BINDINGS_PROVIDER_VERSION = "5.23.1";

    private static ImmutableEcrRepositoryProps.Builder props() {
        return ImmutableEcrRepositoryProps.builder().repositoryName("app");
    }

    @Test
    void defaultsAreImmutableScannedKeptAndWithoutLifecyclePolicy() {
        TerraformStack stack = stack();
        ImmutableEcrRepository repo = new ImmutableEcrRepository(stack, "Images", props().build());

        JsonNode out = synth(stack);
        JsonNode block = only(out, "aws_ecr_repository").getValue();
        assertThat(block.path("name").asText()).isEqualTo("app");
        assertThat(block.path("image_tag_mutability").asText()).isEqualTo("IMMUTABLE");
        assertThat(block.path("image_scanning_configuration").path("scan_on_push").isBoolean()).isTrue();
        assertThat(block.path("image_scanning_configuration").path("scan_on_push").asBoolean()).isTrue();
        assertThat(block.path("force_delete").isBoolean()).isTrue();
        assertThat(block.path("force_delete").asBoolean()).isFalse();
        assertThat(block.has("image_tag_mutability_exclusion_filter")).isFalse();
        assertThat(block.has("tags")).isFalse();
        assertThat(out.path("resource").has("aws_ecr_lifecycle_policy")).isFalse();
        assertThat(repo.getLifecyclePolicy()).isNull();
        assertThat(repo.getTagMutability()).isEqualTo("IMMUTABLE");
        // without floating tags the construct leaves the provider version alone
        assertThat(providerConstraint(out)).isEqualTo(BINDINGS_PROVIDER_VERSION);
    }

    @Test
    void scanOnPushForceDeleteAndTagsAreOptions() {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Images", props().imageScanOnPush(false).forceDelete(true)
                .tags(Map.of("team", "platform")).build());

        JsonNode block = only(synth(stack), "aws_ecr_repository").getValue();
        assertThat(block.path("image_scanning_configuration").path("scan_on_push").asBoolean(true)).isFalse();
        assertThat(block.path("force_delete").asBoolean(false)).isTrue();
        assertThat(block.path("tags").path("team").asText()).isEqualTo("platform");
        assertThat(block.path("image_tag_mutability").asText()).isEqualTo("IMMUTABLE");
    }

    @Test
    void lifecyclePolicyExpiresUntaggedImagesOfThisRepository() throws Exception {
        TerraformStack stack = stack();
        ImmutableEcrRepository repo = new ImmutableEcrRepository(stack, "Images",
                props().expireUntaggedImagesAfter(java.time.Duration.ofDays(14)).build());

        JsonNode out = synth(stack);
        String repoId = only(out, "aws_ecr_repository").getKey();
        JsonNode policy = only(out, "aws_ecr_lifecycle_policy").getValue();
        assertThat(policy.path("repository").asText()).isEqualTo("${aws_ecr_repository." + repoId + ".name}");
        JsonNode rules = Stacks.JSON.readTree(policy.path("policy").asText()).path("rules");
        assertThat(rules).hasSize(1);
        JsonNode rule = rules.get(0);
        assertThat(rule.path("rulePriority").asInt()).isEqualTo(1);
        assertThat(rule.path("selection").path("tagStatus").asText()).isEqualTo("untagged");
        assertThat(rule.path("selection").path("countType").asText()).isEqualTo("sinceImagePushed");
        assertThat(rule.path("selection").path("countUnit").asText()).isEqualTo("days");
        assertThat(rule.path("selection").path("countNumber").asInt()).isEqualTo(14);
        assertThat(rule.path("action").path("type").asText()).isEqualTo("expire");
        assertThat(repo.getLifecyclePolicy()).isNotNull();
    }

    @Test
    void exposesTheRepositoryUrlArnAndName() {
        TerraformStack stack = stack();
        ImmutableEcrRepository repo = new ImmutableEcrRepository(stack, "Images", props().build());
        TerraformOutput.Builder.create(stack, "url").value(repo.getRepositoryUrl()).build();
        TerraformOutput.Builder.create(stack, "arn").value(repo.getRepositoryArn()).build();
        TerraformOutput.Builder.create(stack, "name").value(repo.getRepositoryName()).build();

        JsonNode out = synth(stack);
        String id = only(out, "aws_ecr_repository").getKey();
        assertThat(out.path("output").path("url").path("value").asText())
                .isEqualTo("${aws_ecr_repository." + id + ".repository_url}");
        assertThat(out.path("output").path("arn").path("value").asText()).isEqualTo("${aws_ecr_repository." + id + ".arn}");
        assertThat(out.path("output").path("name").path("value").asText()).isEqualTo("${aws_ecr_repository." + id + ".name}");
        assertThat(repo.getRepository()).isInstanceOf(EcrRepository.class);
        assertThat(repo.getRepository().getNode().getPath()).isEqualTo("registry/Images/Repository");
    }

    @Test
    void floatingTagsAreWrittenByOverrideAndSetOnStackSetsTheProviderConstraint() {
        TerraformStack stack = stack();
        ImmutableEcrRepository repo = new ImmutableEcrRepository(stack, "Images",
                props().floatingTags("latest", "dev-*").awsProviderVersionMode(AwsProviderVersionMode.SET_ON_STACK).build());

        JsonNode out = synth(stack);
        JsonNode block = only(out, "aws_ecr_repository").getValue();
        assertThat(block.path("image_tag_mutability").asText()).isEqualTo("IMMUTABLE_WITH_EXCLUSION");
        JsonNode filters = block.path("image_tag_mutability_exclusion_filter");
        assertThat(filters.isArray()).isTrue();
        assertThat(filters).hasSize(2);
        assertThat(filters.get(0).path("filter").asText()).isEqualTo("latest");
        assertThat(filters.get(0).path("filter_type").asText()).isEqualTo("WILDCARD");
        assertThat(filters.get(1).path("filter").asText()).isEqualTo("dev-*");
        assertThat(filters.get(1).path("filter_type").asText()).isEqualTo("WILDCARD");
        assertThat(providerConstraint(out)).isEqualTo(ImmutableEcrRepository.DEFAULT_AWS_PROVIDER_VERSION);
        assertThat(repo.getTagMutability()).isEqualTo("IMMUTABLE_WITH_EXCLUSION");
    }

    @Test
    void floatingTagsUseTheGivenProviderConstraintAndSynthFully() {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Images", props().floatingTags("latest")
                .awsProviderVersionMode(AwsProviderVersionMode.SET_ON_STACK).awsProviderVersion(">= 6.20.0, < 7.0.0").build());

        JsonNode written = fullSynth(stack);
        assertThat(providerConstraint(written)).isEqualTo(">= 6.20.0, < 7.0.0");
        assertThat(written.path("terraform").path("required_providers").path("aws").path("source").asText()).isEqualTo("aws");
    }

    @Test
    void checkOnlyLeavesTheProviderConstraintAndFailsSynthSayingWhatToChange() {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Images", props().floatingTags("latest")
                .awsProviderVersionMode(AwsProviderVersionMode.CHECK_ONLY).build());

        assertThat(providerConstraint(synth(stack))).isEqualTo(BINDINGS_PROVIDER_VERSION);
        assertThatThrownBy(() -> Testing.fullSynth(stack))
                .hasMessageContaining("Encountered Annotations with level \"ERROR\"")
                .hasMessageContaining("[registry/Images/Repository]")
                .hasMessageContaining("only from 6.8.0")
                .hasMessageContaining("constraint (terraform.required_providers.aws.version) is \"5.23.1\"")
                .hasMessageContaining("stack.addOverride(\"terraform.required_providers.aws.version\", \"~> 6.8\")");
    }

    @Test
    void withTheGuardOnTheStackTheProviderProblemIsReportedOnce() {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Images", props().floatingTags("latest")
                .awsProviderVersionMode(AwsProviderVersionMode.CHECK_ONLY).build());
        EcrGuard.enforce(stack);

        assertThatThrownBy(() -> Testing.fullSynth(stack))
                .satisfies(e -> {
                    // jsii repeats the JavaScript error after "@jsii/kernel"; count in the first copy
                    String first = e.getMessage().split("@jsii/kernel", 2)[0];
                    assertThat(first.split("only from 6\\.8\\.0", -1)).hasSize(2);
                })
                .hasMessageContaining("[registry/Images/Repository] ecr-guard ECR009 (error) registry/aws_ecr_repository.");
    }

    @Test
    void checkOnlyPassesWhenTheUserSetAConstraintWithExclusionFilters() {
        TerraformStack stack = stack();
        stack.addOverride("terraform.required_providers.aws.version", "~> 6.9");
        new ImmutableEcrRepository(stack, "Images", props().floatingTags("latest")
                .awsProviderVersionMode(AwsProviderVersionMode.CHECK_ONLY).build());

        JsonNode written = fullSynth(stack);
        assertThat(providerConstraint(written)).isEqualTo("~> 6.9");
        assertThat(only(written, "aws_ecr_repository").getValue().path("image_tag_mutability").asText())
                .isEqualTo("IMMUTABLE_WITH_EXCLUSION");
    }

    @Test
    void aLaterOverrideBackToTheBindingsVersionFailsSynth() {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Images", props().floatingTags("latest").build());
        stack.addOverride("terraform.required_providers.aws.version", "~> 5.0");

        assertThatThrownBy(() -> Testing.fullSynth(stack))
                .hasMessageContaining("constraint (terraform.required_providers.aws.version) is \"~> 5.0\"")
                .hasMessageContaining("stack.addOverride(\"terraform.required_providers.aws.version\", \"~> 6.8\")");
    }

    @Test
    void optOutIsMutableAndCarriesTheWaiverThatTheCheckerHonours() {
        TerraformStack stack = stack();
        String reason = "build cache: every CI run overwrites its tags; nothing deploys from it";
        ImmutableEcrRepository repo = new ImmutableEcrRepository(stack, "Cache",
                ImmutableEcrRepositoryProps.builder().repositoryName("cache").mutableTagsReason(reason).build());
        EcrGuard.enforce(stack);

        String outdir = Testing.fullSynth(stack); // EcrGuard reports the finding as waived: synth passes
        JsonNode written = Stacks.read(Path.of(outdir, "stacks", "registry", "cdk.tf.json"));
        JsonNode block = only(written, "aws_ecr_repository").getValue();
        assertThat(block.path("image_tag_mutability").asText()).isEqualTo("MUTABLE");
        JsonNode waivers = block.path("//").path("ecr-guard").path("waivers");
        assertThat(waivers).hasSize(1);
        assertThat(waivers.get(0).path("rule").asText()).isEqualTo("ECR001");
        assertThat(waivers.get(0).path("reason").asText()).isEqualTo(reason);
        assertThat(block.path("//").path("metadata").path("path").asText()).isEqualTo("registry/Cache/Repository");
        assertThat(repo.getTagMutability()).isEqualTo("MUTABLE");

        Result result = new Checker().check(List.of(outdir), Map.of(), null);
        assertThat(result.inputs().errors).isEmpty();
        assertThat(result.findings()).extracting(f -> f.ruleId()).doesNotContain("ECR001");
        assertThat(result.waived()).hasSize(1);
        assertThat(result.waived().get(0).finding().ruleId()).isEqualTo("ECR001");
        assertThat(result.waived().get(0).finding().resource()).startsWith("registry/aws_ecr_repository.");
        assertThat(result.waived().get(0).reason()).isEqualTo(reason);
    }
}
