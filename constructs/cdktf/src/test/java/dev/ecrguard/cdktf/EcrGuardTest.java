package dev.ecrguard.cdktf;

import static dev.ecrguard.cdktf.Stacks.only;
import static dev.ecrguard.cdktf.Stacks.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecrguard.waivers.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import com.hashicorp.cdktf.Aspects;
import com.hashicorp.cdktf.IAspect;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.ecr_repository.EcrRepository;
import com.hashicorp.cdktf.providers.aws.ecr_repository.EcrRepositoryImageScanningConfiguration;
import dev.ecrguard.Checker;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.constructs.IConstruct;

class EcrGuardTest {
    @TempDir
    Path outdir;

    private App app() {
        return new App(AppConfig.builder().outdir(outdir.toString()).build());
    }

    private static ImmutableEcrRepository images(TerraformStack stack) {
        return new ImmutableEcrRepository(stack, "Images", ImmutableEcrRepositoryProps.builder()
                .repositoryName("app").expireUntaggedImagesAfter(java.time.Duration.ofDays(30)).build());
    }

    @Test
    void appSynthOfACleanStackWritesItAndTheCheckerPassesIt() {
        App app = app();
        TerraformStack stack = stack(app, "registry");
        stack.addOverride("terraform.required_providers.aws.version", "~> 6.8"); // floating tags need 6.8.0
        images(stack);
        new ImmutableEcrRepository(stack, "Web", ImmutableEcrRepositoryProps.builder()
                .repositoryName("web").floatingTags("latest").build());
        EcrGuard.enforce(stack);

        app.synth();

        Path written = outdir.resolve("stacks/registry/cdk.tf.json");
        assertThat(written).exists();
        assertThat(outdir.resolve("manifest.json")).exists();
        Result result = new Checker().check(List.of(outdir.toString()), Map.of(), null);
        assertThat(result.inputs().errors).isEmpty();
        assertThat(result.inputs().loaded).containsExactly(outdir + "/stacks/registry/cdk.tf.json");
        assertThat(result.findings()).extracting(Finding::severity).doesNotContain(Severity.ERROR, Severity.WARNING);
        // the floating tags are a note (ECR002) naming the tag that can move
        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("ECR002");
        assertThat(result.findings().get(0).message()).contains("latest");
        assertThat(result.findings().get(0).constructPath()).isEqualTo("registry/Web/Repository");
        assertThat(result.waived()).isEmpty();
    }

    @Test
    void appSynthThrowsOnARawMutableRepositoryAndWritesNothingForTheStack() {
        App app = app();
        TerraformStack stack = stack(app, "registry");
        images(stack);
        EcrRepository.Builder.create(stack, "scratch").name("scratch")
                .imageScanningConfiguration(EcrRepositoryImageScanningConfiguration.builder().scanOnPush(true).build())
                .build();
        EcrGuard.enforce(stack);

        assertThatThrownBy(app::synth)
                .hasMessageContaining("Encountered Annotations with level \"ERROR\"")
                .hasMessageContaining("[registry/scratch] ecr-guard ECR001 (error) registry/aws_ecr_repository.scratch:")
                .hasMessageContaining("MUTABLE")
                .hasMessageContaining("Fix: Use dev.ecrguard.cdktf.ImmutableEcrRepository")
                .hasMessageNotContaining("registry/Images");
        assertThat(outdir.resolve("stacks/registry/cdk.tf.json")).doesNotExist();
    }

    @Test
    void explicitMutableOnARawRepositoryFails() {
        TerraformStack stack = stack();
        EcrRepository.Builder.create(stack, "scratch").name("scratch").imageTagMutability("MUTABLE").build();
        EcrGuard.enforce(stack);

        assertThatThrownBy(() -> Testing.fullSynth(stack))
                .hasMessageContaining("[registry/scratch] ecr-guard ECR001 (error)");
    }

    @Test
    void anAddOverrideOnTheResourceThatSetsMutableFails() {
        App app = app();
        TerraformStack stack = stack(app, "registry");
        ImmutableEcrRepository repo = images(stack);
        repo.getRepository().addOverride("image_tag_mutability", "MUTABLE");
        EcrGuard.enforce(stack);

        assertThat(Stacks.synth(stack).path("resource").path("aws_ecr_repository").elements().next()
                .path("image_tag_mutability").asText()).isEqualTo("MUTABLE");
        assertThatThrownBy(app::synth)
                .hasMessageContaining("[registry/Images/Repository] ecr-guard ECR001 (error)");
    }

    @Test
    void anAddOverrideOnTheStackThatSetsMutableFails() {
        App app = app();
        TerraformStack stack = stack(app, "registry");
        ImmutableEcrRepository repo = images(stack);
        String id = only(Stacks.synth(stack), "aws_ecr_repository").getKey();
        stack.addOverride("resource.aws_ecr_repository." + id + ".image_tag_mutability", "MUTABLE");
        EcrGuard.enforce(stack);

        assertThatThrownBy(app::synth)
                .hasMessageContaining("ecr-guard ECR001 (error) registry/aws_ecr_repository." + id);
        assertThat(repo.getTagMutability()).isEqualTo("IMMUTABLE");
    }

    @Test
    void anAspectAddedAfterTheGuardThatMakesRepositoriesMutableIsStillCaught() {
        App app = app();
        TerraformStack stack = stack(app, "registry");
        images(stack);
        EcrGuard.enforce(stack);
        Aspects.of(stack).add(new IAspect() {
            @Override
            public void visit(@NotNull IConstruct node) {
                if (node instanceof EcrRepository repository) {
                    repository.setImageTagMutability("MUTABLE");
                }
            }
        });

        assertThatThrownBy(app::synth).hasMessageContaining("[registry/Images/Repository] ecr-guard ECR001 (error)");
    }

    @Test
    void enforceAllCoversEveryStackWhileAnAspectOnTheAppIsIgnored() {
        App app = app();
        TerraformStack clean = stack(app, "clean");
        images(clean);
        TerraformStack dirty = stack(app, "dirty");
        EcrRepository.Builder.create(dirty, "scratch").name("scratch").build();
        EcrGuard appLevel = EcrGuard.enforce(stack(app, "unused"));
        Aspects.of(app).add(appLevel); // cdktf 0.19 never invokes aspects added to the App

        assertThat(EcrGuard.enforceAll(app)).hasSize(3);
        assertThat(EcrGuard.enforce(dirty)).isSameAs(EcrGuard.enforce(dirty));
        assertThatThrownBy(app::synth).hasMessageContaining("[dirty/scratch] ecr-guard ECR001 (error)");
    }

    @Test
    void anAspectOnTheAppAloneDoesNotCheck() {
        App app = app();
        TerraformStack dirty = stack(app, "dirty");
        EcrRepository.Builder.create(dirty, "scratch").name("scratch").build();
        TerraformStack other = stack(app, "other");
        Aspects.of(app).add(EcrGuard.enforce(other));

        assertThatCode(app::synth).doesNotThrowAnyException(); // which is why the guard goes on each stack
        assertThat(outdir.resolve("stacks/dirty/cdk.tf.json")).exists();
    }

    @Test
    void warningsAnnotateButPassUnlessFailOnIsLowered() {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Images", ImmutableEcrRepositoryProps.builder()
                .repositoryName("app").imageScanOnPush(false).build());
        EcrGuard.enforce(stack);
        assertThatCode(() -> Testing.fullSynth(stack)).doesNotThrowAnyException();

        TerraformStack strict = stack();
        new ImmutableEcrRepository(strict, "Images", ImmutableEcrRepositoryProps.builder()
                .repositoryName("app").imageScanOnPush(false).build());
        assertThat(EcrGuard.enforce(strict, Severity.WARNING).failOn()).isEqualTo(Severity.WARNING);
        assertThatThrownBy(() -> Testing.fullSynth(strict))
                .hasMessageContaining("[registry/Images/Repository] ecr-guard ECR003 (warning)");
    }

    @Test
    void theGuardMakesTheProviderVersionCheckForRawRepositoriesToo() {
        TerraformStack stack = stack();
        EcrRepository raw = EcrRepository.Builder.create(stack, "web").name("web")
                .imageTagMutability("IMMUTABLE_WITH_EXCLUSION").build();
        raw.addOverride("image_tag_mutability_exclusion_filter", List.of(Map.of("filter", "latest", "filter_type", "WILDCARD")));
        EcrGuard.enforce(stack);

        assertThatThrownBy(() -> Testing.fullSynth(stack))
                .hasMessageContaining("[registry/web] ecr-guard ECR009 (error) registry/aws_ecr_repository.web: It uses "
                        + "image_tag_mutability IMMUTABLE_WITH_EXCLUSION")
                .hasMessageContaining("constraint (terraform.required_providers.aws.version) is \"5.23.1\"")
                .hasMessageContaining("stack.addOverride(\"terraform.required_providers.aws.version\", \"~> 6.8\")");
    }

    @Test
    void theCheckpointIsAddedOnceAndSynthesizesNothing() throws Exception {
        App app = app();
        TerraformStack stack = stack(app, "registry");
        images(stack);
        EcrGuard.enforce(stack);
        JsonNode first = Stacks.synth(stack);
        app.synth();

        assertThat(stack.getNode().tryFindChild(EcrGuard.CHECKPOINT_ID)).isNotNull();
        JsonNode written = Stacks.read(outdir.resolve("stacks/registry/cdk.tf.json"));
        assertThat(written.path("resource").size()).isEqualTo(first.path("resource").size());
        assertThat(Files.readString(outdir.resolve("stacks/registry/cdk.tf.json"))).doesNotContain(EcrGuard.CHECKPOINT_ID);
    }
}
