package dev.ecrguard.cdktf;

import static dev.ecrguard.cdktf.Stacks.fullSynth;
import static dev.ecrguard.cdktf.Stacks.only;
import static dev.ecrguard.cdktf.Stacks.stack;
import static dev.ecrguard.cdktf.Stacks.synth;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CDKTF construct has the CDK construct's names and defaults: mutableTagsReason, imageScanOnPush, an optional
 * repository name, the repository kept (prevent_destroy, the counterpart of RETAIN), Terraform meta-arguments, and
 * a way to keep an existing repository when migrating to the construct.
 */
class AlikeTest {
    @Test
    void theNameIsGeneratedFromTheConstructPathWhenAbsent() {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Build Cache", ImmutableEcrRepositoryProps.builder()
                .mutableTagsReason("BuildKit layer cache, overwritten by every CI run").build());
        new ImmutableEcrRepository(stack, "Api", ImmutableEcrRepositoryProps.builder().build());

        JsonNode repos = synth(stack).path("resource").path("aws_ecr_repository");
        assertThat(repos.properties()).extracting(e -> e.getValue().path("name").asText())
                .containsExactlyInAnyOrder("registry/build-cache", "registry/api");
    }

    @Test
    void generatedNamesFollowEcrsRules() {
        assertThat(ImmutableEcrRepository.generatedName("Registry/__Odd..Name--/X")).isEqualTo("registry/odd-name/x");
        assertThat(ImmutableEcrRepository.generatedName("a")).isEqualTo("repository-a");
        String longName = ImmutableEcrRepository.generatedName("stack/" + "x".repeat(300));
        assertThat(longName).hasSizeLessThanOrEqualTo(256).startsWith("stack/xxx")
                .matches("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    }

    @Test
    void theRepositoryIsKeptAndAGivenLifecycleKeepsPreventDestroy() {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Kept", ImmutableEcrRepositoryProps.builder().repositoryName("kept").build());
        new ImmutableEcrRepository(stack, "Ignoring", ImmutableEcrRepositoryProps.builder().repositoryName("ignoring")
                .lifecycle(TerraformResourceLifecycle.builder().ignoreChanges(List.of("tags")).build()).build());
        new ImmutableEcrRepository(stack, "Disposable", ImmutableEcrRepositoryProps.builder().repositoryName("disposable")
                .lifecycle(TerraformResourceLifecycle.builder().preventDestroy(false).build()).build());

        JsonNode repos = synth(stack).path("resource").path("aws_ecr_repository");
        JsonNode kept = byName(repos, "kept");
        JsonNode ignoring = byName(repos, "ignoring");
        assertThat(kept.path("lifecycle").path("prevent_destroy").asBoolean(false)).isTrue();
        assertThat(ignoring.path("lifecycle").path("prevent_destroy").asBoolean(false)).isTrue();
        assertThat(ignoring.path("lifecycle").path("ignore_changes").get(0).asText()).isEqualTo("tags");
        assertThat(byName(repos, "disposable").path("lifecycle").path("prevent_destroy").asBoolean(true)).isFalse();
    }

    @Test
    void providerAndDependsOnReachTheRepositoryAndItsLifecyclePolicy() {
        TerraformStack stack = stack();
        AwsProvider replica = AwsProvider.Builder.create(stack, "replica").region("us-east-1").alias("replica").build();
        S3Bucket bucket = S3Bucket.Builder.create(stack, "logs").bucket("logs").build();
        new ImmutableEcrRepository(stack, "Api", ImmutableEcrRepositoryProps.builder().repositoryName("api")
                .provider(replica).dependsOn(List.of(bucket)).expireUntaggedImagesAfter(Duration.ofDays(7)).build());

        JsonNode out = synth(stack);
        JsonNode repo = only(out, "aws_ecr_repository").getValue();
        assertThat(repo.path("provider").asText()).isEqualTo("aws.replica");
        assertThat(repo.path("depends_on").get(0).asText()).isEqualTo("aws_s3_bucket.logs");
        assertThat(only(out, "aws_ecr_lifecycle_policy").getValue().path("provider").asText()).isEqualTo("aws.replica");
    }

    @Test
    void migratingAnExistingRepositoryKeepsItWithAMovedBlock() {
        // before: a raw EcrRepository at aws_ecr_repository.app; after: the construct, with a moved block from there
        TerraformStack stack = Stacks.stack(new App(), "registry");
        new ImmutableEcrRepository(stack, "App", ImmutableEcrRepositoryProps.builder().repositoryName("app")
                .movedFrom("aws_ecr_repository.app").build());

        JsonNode written = fullSynth(stack);
        String address = "aws_ecr_repository." + only(written, "aws_ecr_repository").getKey();
        JsonNode moved = written.path("moved");
        assertThat(moved.isArray()).as("moved blocks in %s", written).isTrue();
        assertThat(moved).hasSize(1);
        assertThat(moved.get(0).path("from").asText()).isEqualTo("aws_ecr_repository.app");
        assertThat(moved.get(0).path("to").asText()).isEqualTo(address);
    }

    @Test
    void movedFromTakesATerraformAddressOfARepository() {
        TerraformStack stack = stack();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ImmutableEcrRepository(stack, "App",
                ImmutableEcrRepositoryProps.builder().movedFrom("app").build()))
                .hasMessageContaining("movedFrom takes the Terraform address of the existing repository");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ImmutableEcrRepository(stack, "Bucket",
                ImmutableEcrRepositoryProps.builder().movedFrom("aws_s3_bucket.app").build()))
                .hasMessageContaining("got 'aws_s3_bucket.app'");
        new ImmutableEcrRepository(stack, "FromModule", ImmutableEcrRepositoryProps.builder()
                .movedFrom("module.registry.aws_ecr_repository.this[\"app\"]").build());
    }

    @Test
    void orTheOldAddressIsKeptByOverridingTheLogicalId() {
        TerraformStack stack = stack();
        ImmutableEcrRepository repo = new ImmutableEcrRepository(stack, "App", ImmutableEcrRepositoryProps.builder()
                .repositoryName("app").build());
        repo.getRepository().overrideLogicalId("app");

        JsonNode out = synth(stack);
        assertThat(only(out, "aws_ecr_repository").getKey()).isEqualTo("app");
        assertThat(out.has("moved")).isFalse();
    }

    private static JsonNode byName(JsonNode resources, String name) {
        for (var e : resources.properties()) {
            if (e.getValue().path("name").asText().equals(name)) {
                return e.getValue();
            }
        }
        throw new AssertionError("no repository named " + name + " in " + resources);
    }
}
