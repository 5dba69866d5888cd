package dev.ecrguard.load.terraform;

import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.image;
import static dev.ecrguard.load.LoadSupport.load;
import static dev.ecrguard.load.LoadSupport.loadOk;
import static dev.ecrguard.load.LoadSupport.repo;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.workload;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.ecrguard.load.LoadResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming a plan fast: the rest of a resource that is not judged is skipped, yet still read as strict JSON. */
class TerraformPlanStreamTest {
    @TempDir
    Path dir;

    /** A plan with a bucket (not judged) whose fields after its type are {@code bucketRest}, then a repository. */
    private static String plan(String bucketRest) {
        return """
                {
                  "format_version": "1.2",
                  "resource_changes": [
                    {
                      "address": "aws_s3_bucket.logs",
                      "mode": "managed",
                      "type": "aws_s3_bucket",
                      %s
                    },
                    {
                      "address": "aws_ecr_repository.app",
                      "mode": "managed",
                      "type": "aws_ecr_repository",
                      "name": "app",
                      "index": null,
                      "deposed": null,
                      "schema_version": 0,
                      "change": {"actions": ["create"], "before": null,
                                 "after": {"name": "app", "image_tag_mutability": "MUTABLE", "force_delete": true}}
                    }
                  ]
                }
                """.formatted(bucketRest);
    }

    @Test
    void aJudgedResourceAfterASkippedOneKeepsItsScalarsAndItsLine() {
        String text = plan("""
                "name": "logs",
                      "index": 3,
                      "provider_name": "registry.terraform.io/hashicorp/aws",
                      "change": {"actions": ["create"], "after": {"bucket": "logs", "tags": {"a": "b"}}}""");
        Path file = write(dir, "plan.json", text);

        LoadResult result = loadOk(file);

        assertThat(repositoryIds(result)).containsExactly("aws_ecr_repository.app");
        assertThat(describe(repo(result, "aws_ecr_repository.app").tagMutability())).contains("MUTABLE");
        // The resource is located where its object starts: the line before its address.
        int addressLine = text.substring(0, text.indexOf("\"address\": \"aws_ecr_repository.app\"")).split("\n").length;
        assertThat(repo(result, "aws_ecr_repository.app").location().line()).isEqualTo(addressLine - 1).isEqualTo(13);
    }

    @Test
    void aDeposedRepositoryIsStillLeftOutAfterScalarsAreMadeDirectly() {
        String text = plan("\"name\": \"logs\"").replace("\"deposed\": null", "\"deposed\": \"1a2b3c\"");

        assertThat(repositoryIds(loadOk(write(dir, "plan.json", text)))).isEmpty();
    }

    @Test
    void malformedJsonInTheSkippedRestOfAResourceIsAnInputError() {
        Path file = write(dir, "plan.json", plan("\"name\": \"logs\", \"versioning\": tru"));

        LoadResult result = load(file);

        assertThat(result.errors).singleElement().satisfies(e -> assertThat(e.oneLine()).startsWith(file + ":")
                .contains("not valid JSON"));
        assertThat(result.model.repositories).isEmpty();
    }

    @Test
    void aDuplicateKeyInTheSkippedRestOfAResourceIsAnInputError() {
        Path file = write(dir, "plan.json", plan("\"name\": \"logs\", \"name\": \"other\""));

        assertThat(load(file).errors).singleElement().satisfies(e -> assertThat(e.oneLine()).contains("name"));
    }

    @Test
    void aPlanCutInsideASkippedResourceIsAnInputError() {
        String text = plan("\"name\": \"logs\", \"change\": {\"after\": {\"bucket\": \"logs\"}}");
        Path file = write(dir, "plan.json", text.substring(0, text.indexOf("\"bucket\"") + 5));

        assertThat(load(file).errors).singleElement().satisfies(e -> assertThat(e.oneLine()).startsWith(file + ":"));
    }

    @Test
    void aSecondTypeAfterTheSkippedValuesOfAResourceIsAnInputError() {
        Path file = write(dir, "plan.json", plan("""
                "change": {"after": {"bucket": "logs"}}, "type": "aws_ecr_repository\""""));

        assertThat(load(file).errors).singleElement().satisfies(e -> assertThat(e.oneLine()).startsWith(file + ":")
                .contains("Duplicate field 'type'"));
    }

    @Test
    void aDuplicateKeyInAJudgedRepositoryIsAnInputError() {
        Path file = write(dir, "plan.json", plan("\"name\": \"logs\"").replace("\"force_delete\": true",
                "\"force_delete\": true, \"image_tag_mutability\": \"IMMUTABLE\""));

        assertThat(load(file).errors).singleElement().satisfies(e -> assertThat(e.oneLine()).startsWith(file + ":")
                .contains("Duplicate field 'image_tag_mutability'"));
    }

    /** A value a loader skips is never read: a key repeated in it can change no verdict, so it is not checked. */
    @Test
    void aDuplicateKeyInsideAValueThatIsNotReadIsNotChecked() {
        Path file = write(dir, "plan.json", plan("""
                "change": {"after": {"bucket": "logs", "bucket": "other"}}"""));

        LoadResult result = loadOk(file);

        assertThat(repositoryIds(result)).containsExactly("aws_ecr_repository.app");
    }

    /** A function whose environment and tags (which the model does not take) come before and after its image. */
    private static String functionPlan(String environment) {
        return """
                {"format_version": "1.2", "resource_changes": [{
                  "address": "aws_lambda_function.api", "mode": "managed", "type": "aws_lambda_function",
                  "name": "api",
                  "change": {"actions": ["update"],
                             "before": {"environment": [{"variables": %1$s}], "image_uri": "repo/api:1.0"},
                             "after": {"environment": [{"variables": %1$s}], "image_uri": "repo/api:latest",
                                       "tags": {"team": "a"}},
                             "after_unknown": {"environment": [{"variables": {}}]},
                             "after_sensitive": {"environment": [{"variables": true}]}}
                }]}
                """.formatted(environment);
    }

    @Test
    void theAttributesOfAJudgedResourceThatTheModelDoesNotTakeAreOnlyTokenized() {
        LoadResult result = loadOk(write(dir, "plan.json", functionPlan("{\"A\": \"1\", \"A\": \"2\"}")));

        assertThat(describe(image(workload(result, "aws_lambda_function.api"), "image_uri")))
                .contains("repo/api:latest");
    }

    @Test
    void malformedJsonInAnAttributeTheModelDoesNotTakeIsAnInputError() {
        Path file = write(dir, "plan.json", functionPlan("{\"A\": tru}"));

        assertThat(load(file).errors).singleElement().satisfies(e -> assertThat(e.oneLine()).startsWith(file + ":")
                .contains("not valid JSON"));
    }

    @Test
    void readingAnAttributeThatIsNotListedFails() {
        TerraformAttributes attributes = TerraformAttributes.planned(JsonNodeFactory.instance.objectNode()
                .put("image_uri", "repo/api:1.0").put("package_type", "Image"), null)
                .readingOnly(TerraformResources.ATTRIBUTES.get(TerraformResources.LAMBDA));

        assertThat(attributes.reference("image_uri").isKnown()).isTrue();
        assertThatThrownBy(() -> attributes.scalar("package_type")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("package_type");
        assertThatThrownBy(() -> attributes.blocks("environment")).isInstanceOf(IllegalStateException.class);
    }
}
