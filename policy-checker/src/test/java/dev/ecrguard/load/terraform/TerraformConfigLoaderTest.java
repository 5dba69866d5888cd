package dev.ecrguard.load.terraform;

import static dev.ecrguard.load.LoadSupport.creationTemplate;
import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.image;
import static dev.ecrguard.load.LoadSupport.lineOf;
import static dev.ecrguard.load.LoadSupport.loadOk;
import static dev.ecrguard.load.LoadSupport.repo;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.resource;
import static dev.ecrguard.load.LoadSupport.scanning;
import static dev.ecrguard.load.LoadSupport.workload;
import static dev.ecrguard.load.LoadSupport.workloadIds;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.Repository;
import dev.ecrguard.model.Waiver;
import dev.ecrguard.model.Workload;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformConfigLoaderTest {
    private static final Path MAIN = resource("terraform/config/main.tf.json");
    private static final Path CDKTF_STACK = resource("cdktf/cdktf.out/stacks/registry/cdk.tf.json");

    @TempDir
    Path dir;

    @Test
    void readsManagedResourcesOfTheJudgedTypesOnly() {
        LoadResult result = loadOk(MAIN);

        assertThat(repositoryIds(result)).containsExactly("aws_ecr_repository.app", "aws_ecr_repository.scratch",
                "aws_ecr_repository.tools", "aws_ecr_repository.legacy");
        assertThat(workloadIds(result)).containsExactly("aws_lambda_function.api", "aws_lambda_function.by_variable",
                "aws_ecs_task_definition.worker", "aws_ecs_task_definition.encoded");
        assertThat(result.loaded).containsExactly(MAIN.toString());
    }

    @Test
    void knownAbsentAndInterpolatedValues() {
        LoadResult result = loadOk(MAIN);

        Repository app = repo(result, "aws_ecr_repository.app");
        assertThat(describe(app.tagMutability())).isEqualTo("known:IMMUTABLE");
        assertThat(describe(app.forceDelete())).isEqualTo("absent");
        Repository scratch = repo(result, "aws_ecr_repository.scratch");
        assertThat(describe(scratch.tagMutability())).isEqualTo("absent");
        assertThat(scratch.tagMutability().attribute()).isEqualTo("image_tag_mutability");
        assertThat(describe(scratch.forceDelete())).isEqualTo("known:true");
        assertThat(describe(scratch.exclusionFilters())).isEqualTo("absent");
        Repository tools = repo(result, "aws_ecr_repository.tools");
        assertThat(describe(tools.tagMutability())).isEqualTo("unknown");
        assertThat(tools.tagMutability().why()).contains("${var.tag_mode}");
        assertThat(describe(tools.name())).isEqualTo("unknown");
        assertThat(describe(tools.scanOnPush())).isEqualTo("absent");
    }

    @Test
    void scanningConfigurationAsObjectOrAsList() {
        LoadResult result = loadOk(MAIN);

        assertThat(describe(repo(result, "aws_ecr_repository.app").scanOnPush())).isEqualTo("known:true");
        assertThat(describe(repo(result, "aws_ecr_repository.scratch").scanOnPush())).isEqualTo("known:false");
    }

    @Test
    void exclusionFiltersCreationTemplateAndScanningRules() {
        LoadResult result = loadOk(MAIN);

        Repository legacy = repo(result, "aws_ecr_repository.legacy");
        assertThat(describe(legacy.exclusionFilters())).isEqualTo("known:[\"latest\",\"dev-*\"]");
        assertThat(describe(creationTemplate(result, "aws_ecr_repository_creation_template.cache").appliedFor()))
                .isEqualTo("known:[\"PULL_THROUGH_CACHE\",\"REPLICATION\"]");
        assertThat(describe(creationTemplate(result, "aws_ecr_repository_creation_template.cache").tagMutability()))
                .isEqualTo("absent");
        assertThat(describe(scanning(result, "aws_ecr_registry_scanning_configuration.this").rules()))
                .isEqualTo("known:[{\"frequency\":\"SCAN_ON_PUSH\",\"filters\":[\"prod-*\"]}]");
    }

    @Test
    void aRepositoryUrlPlaceholderLinksTheImageToThatRepository() {
        LoadResult result = loadOk(MAIN);

        assertThat(describe(image(workload(result, "aws_lambda_function.api"), "image_uri")))
                .isEqualTo("known:${aws_ecr_repository.app.repository_url}:v1"
                        + " | repository=aws_ecr_repository.app | name=null | tag=v1 | digest=null");
        Workload worker = workload(result, "aws_ecs_task_definition.worker");
        assertThat(describe(image(worker, "worker"))).isEqualTo("known:${aws_ecr_repository.legacy.repository_url}:latest"
                + " | repository=aws_ecr_repository.legacy | name=null | tag=latest | digest=null");
        assertThat(image(worker, "proxy").repository()).isEqualTo("aws_ecr_repository.app");
        assertThat(image(worker, "proxy").digest())
                .isEqualTo("sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9");
        assertThat(image(worker, "proxy").tag()).isNull();
    }

    @Test
    void aRepositoryNameReferenceAfterALiteralRegistryLinksTheImage() {
        Path config = write(dir, "images.tf.json", """
                {"resource": {
                  "aws_ecr_repository": {"app": {"name": "app"}},
                  "aws_lambda_function": {
                    "by_name": {"image_uri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/${aws_ecr_repository.app.name}:v2"},
                    "by_other": {"image_uri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/${var.repo}:v2"}
                  }
                }}
                """);
        LoadResult result = loadOk(config);

        Workload.Image byName = image(workload(result, "aws_lambda_function.by_name"), "image_uri");
        assertThat(byName.repository()).isEqualTo("aws_ecr_repository.app");
        assertThat(byName.tag()).isEqualTo("v2");
        assertThat(describe(image(workload(result, "aws_lambda_function.by_other"), "image_uri")))
                .as("a repository only known at apply: judged by its literal tag alone")
                .isEqualTo("known:123456789012.dkr.ecr.eu-west-1.amazonaws.com/${var.repo}:v2"
                        + " | repository=null | name=null | tag=v2 | digest=null");
    }

    @Test
    void otherInterpolatedImagesAreUnknown() {
        LoadResult result = loadOk(MAIN);

        assertThat(describe(image(workload(result, "aws_lambda_function.by_variable"), "image_uri").ref()))
                .isEqualTo("unknown");
        Workload encoded = workload(result, "aws_ecs_task_definition.encoded");
        assertThat(encoded.images()).singleElement().satisfies(i -> assertThat(describe(i.ref())).isEqualTo("unknown"));
    }

    @Test
    void resourcesAreLocatedAtTheirBlock() {
        LoadResult result = loadOk(MAIN);

        assertThat(repo(result, "aws_ecr_repository.legacy").location().line())
                .isEqualTo(lineOf(MAIN, "\"legacy\": {"));
        assertThat(workload(result, "aws_lambda_function.api").location().line())
                .isEqualTo(lineOf(MAIN, "\"api\": {"));
        assertThat(repo(result, "aws_ecr_repository.app").location().constructPath()).isNull();
    }

    @Test
    void resourceAsAListOfObjectsAtEveryLevel() {
        Path config = write(dir, "split.tf.json", """
                {
                  "resource": [
                    {"aws_ecr_repository": {"first": {"name": "first", "image_tag_mutability": "IMMUTABLE"}}},
                    {"aws_ecr_repository": [
                      {"second": {"name": "second", "image_tag_mutability": "MUTABLE"}},
                      {"third": [{"name": "third"}]}
                    ]},
                    {"aws_s3_bucket": {"logs": {"bucket": "logs"}}}
                  ]
                }
                """);

        LoadResult result = loadOk(config);
        assertThat(repositoryIds(result)).containsExactly("aws_ecr_repository.first", "aws_ecr_repository.second",
                "aws_ecr_repository.third");
        assertThat(describe(repo(result, "aws_ecr_repository.second").tagMutability())).isEqualTo("known:MUTABLE");
        assertThat(describe(repo(result, "aws_ecr_repository.third").tagMutability())).isEqualTo("absent");
        assertThat(repo(result, "aws_ecr_repository.second").location().line()).isEqualTo(5);
    }

    @Test
    void interpolationsInsideBlocksAndFiltersAreUnknown() {
        Path config = write(dir, "vars.tf.json", """
                {
                  "resource": {
                    "aws_ecr_repository": {
                      "x": {
                        "name": "x",
                        "image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION",
                        "image_tag_mutability_exclusion_filter": [{"filter": "${var.moving_tag}", "filter_type": "WILDCARD"}],
                        "image_scanning_configuration": {"scan_on_push": "${var.scan}"},
                        "force_delete": "false"
                      }
                    }
                  }
                }
                """);

        Repository x = repo(loadOk(config), "aws_ecr_repository.x");
        assertThat(describe(x.exclusionFilters())).isEqualTo("unknown");
        assertThat(describe(x.scanOnPush())).isEqualTo("unknown");
        assertThat(describe(x.forceDelete())).isEqualTo("known:false");
        assertThat(x.forceDelete().value().isBoolean()).isTrue();
    }

    @Test
    void cdktfMetadataPathBecomesTheConstructPath() {
        LoadResult result = loadOk(CDKTF_STACK);

        assertThat(repositoryIds(result)).containsExactly("aws_ecr_repository.app", "aws_ecr_repository.scratch",
                "aws_ecr_repository.images_cache_5A8F2B1C");
        assertThat(repo(result, "aws_ecr_repository.app").location().constructPath()).isEqualTo("registry/app");
        assertThat(repo(result, "aws_ecr_repository.images_cache_5A8F2B1C").location().constructPath())
                .isEqualTo("registry/images/cache");
        assertThat(workload(result, "aws_lambda_function.api").location().constructPath()).isEqualTo("registry/api");
        assertThat(describe(repo(result, "aws_ecr_repository.images_cache_5A8F2B1C").tagMutability()))
                .isEqualTo("absent");
    }

    @Test
    void waiversFromTheCommentBlock() {
        LoadResult result = loadOk(CDKTF_STACK);

        assertThat(repo(result, "aws_ecr_repository.scratch").waivers()).containsExactly(
                new Waiver("ECR001", "throwaway images for CI experiments"),
                new Waiver("ECR003", "never deployed"));
        assertThat(repo(result, "aws_ecr_repository.app").waivers()).isEmpty();
    }
}
