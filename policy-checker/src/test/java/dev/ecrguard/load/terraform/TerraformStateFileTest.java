package dev.ecrguard.load.terraform;

import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.image;
import static dev.ecrguard.load.LoadSupport.lineOf;
import static dev.ecrguard.load.LoadSupport.load;
import static dev.ecrguard.load.LoadSupport.loadOk;
import static dev.ecrguard.load.LoadSupport.read;
import static dev.ecrguard.load.LoadSupport.repo;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.resource;
import static dev.ecrguard.load.LoadSupport.workload;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.load.InputError;
import dev.ecrguard.load.Json;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.load.Skipped;
import dev.ecrguard.cli.CliRun;
import dev.ecrguard.model.Repository;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw Terraform state files, versions 4 and 3, as Terraform writes them. */
class TerraformStateFileTest {
    private static final Path V4 = resource("terraform/tfstate/terraform.tfstate");
    private static final Path V3 = resource("terraform/tfstate/legacy.tfstate");

    @TempDir
    Path dir;

    @Test
    void version4GivesPlanAddressesForModulesForEachAndCountAndSkipsDataAndDeposedObjects() {
        LoadResult result = loadOk(V4);

        assertThat(repositoryIds(result)).containsExactly(
                "aws_ecr_repository.app",
                "module.registry.aws_ecr_repository.this[\"api\"]",
                "module.registry.aws_ecr_repository.this[\"worker\"]",
                "module.cache[0].aws_ecr_repository.mirror[0]",
                "module.cache[0].aws_ecr_repository.mirror[1]");
        assertThat(result.loaded).containsExactly(V4.toString());
    }

    @Test
    void version4ReadsTheAttributesAsAPlanWould() {
        LoadResult result = loadOk(V4);

        Repository app = repo(result, "aws_ecr_repository.app");
        assertThat(describe(app.tagMutability())).isEqualTo("known:MUTABLE");
        assertThat(describe(app.scanOnPush())).isEqualTo("known:true");
        assertThat(describe(app.exclusionFilters())).isEqualTo("absent");
        // the instance object: three lines below the resource's name (provider, instances, then its brace)
        assertThat(app.location().line()).isEqualTo(lineOf(V4, "\"name\": \"app\",") + 3);
        Repository worker = repo(result, "module.registry.aws_ecr_repository.this[\"worker\"]");
        assertThat(describe(worker.tagMutability())).isEqualTo("known:MUTABLE_WITH_EXCLUSION");
        assertThat(describe(worker.exclusionFilters())).isEqualTo("known:[\"v*\"]");
        assertThat(describe(repo(result, "module.registry.aws_ecr_repository.this[\"api\"]").forceDelete()))
                .isEqualTo("known:true");
        assertThat(describe(image(workload(result, "aws_ecs_task_definition.api"), "api")))
                .isEqualTo("known:123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2 | repository=null "
                        + "| name=app | tag=1.4.2 | digest=null");
    }

    @Test
    void eachInstanceIsLocatedAtItsOwnLine() {
        LoadResult result = loadOk(V4);

        int apiInstance = lineOf(V4, "\"index_key\": \"api\",") - 1;
        assertThat(repo(result, "module.registry.aws_ecr_repository.this[\"api\"]").location().line())
                .isEqualTo(apiInstance);
        int second = lineOf(V4, "\"index_key\": 1,") - 1;
        assertThat(repo(result, "module.cache[0].aws_ecr_repository.mirror[1]").location().line()).isEqualTo(second);
    }

    @Test
    void version3ReadsFlatAttributesModulesAndCountAndDefaultsWhatOldProvidersDidNotWrite() {
        LoadResult result = loadOk(V3);

        assertThat(repositoryIds(result)).containsExactlyInAnyOrder(
                "aws_ecr_repository.app",
                "aws_ecr_repository.scanned",
                "module.registry.aws_ecr_repository.this[0]",
                "module.registry.aws_ecr_repository.this[1]");
        Repository app = repo(result, "aws_ecr_repository.app");
        // Terraform 0.11's provider wrote no image_tag_mutability: the provider's default then, MUTABLE, applies
        assertThat(describe(app.tagMutability())).isEqualTo("absent");
        assertThat(describe(app.scanOnPush())).isEqualTo("absent");
        Repository scanned = repo(result, "aws_ecr_repository.scanned");
        assertThat(describe(scanned.tagMutability())).isEqualTo("known:IMMUTABLE");
        assertThat(describe(scanned.scanOnPush())).isEqualTo("known:true");
        assertThat(scanned.location().line()).isEqualTo(lineOf(V3, "\"aws_ecr_repository.scanned\""));
        assertThat(describe(image(workload(result, "module.registry.aws_ecs_task_definition.svc"), "svc")).split(" \\| ")[0])
                .isEqualTo("known:123456789012.dkr.ecr.eu-west-1.amazonaws.com/svc-0:latest");
    }

    @Test
    void flatAttributesKeepMapKeysWithDotsAndListOrder() {
        var nested = FlatAttributes.unflatten(Json.parseEmbedded("""
                {"tags.%": "1", "tags.team.name": "platform",
                 "rule.#": "2", "rule.1.scan_frequency": "CONTINUOUS_SCAN", "rule.0.scan_frequency": "SCAN_ON_PUSH",
                 "rule.0.repository_filter.#": "1", "rule.0.repository_filter.0.filter": "prod-*",
                 "applied_for.#": "2", "applied_for.0": "PULL_THROUGH_CACHE", "applied_for.1": "REPLICATION"}
                """), "x", 1);

        assertThat(nested.toString()).isEqualTo("{\"tags\":{\"team.name\":\"platform\"},"
                + "\"rule\":[{\"scan_frequency\":\"SCAN_ON_PUSH\",\"repository_filter\":[{\"filter\":\"prod-*\"}]},"
                + "{\"scan_frequency\":\"CONTINUOUS_SCAN\"}],"
                + "\"applied_for\":[\"PULL_THROUGH_CACHE\",\"REPLICATION\"]}");
    }

    @Test
    void aStateNamingItsResourcesBeforeItsVersionIsReadTheSameWay() {
        String reordered = "{\"resources\": " + read(V4).substring(read(V4).indexOf("\"resources\": [") + 13,
                read(V4).lastIndexOf("\"check_results\"")) + "\"version\": 4, \"terraform_version\": \"1.9.8\"}";
        Path file = write(dir, "reordered.tfstate", reordered);

        assertThat(repositoryIds(loadOk(file))).containsExactlyElementsOf(repositoryIds(loadOk(V4)));
    }

    @Test
    void instancesWrittenBeforeTheTypeAreStillRead() {
        Path state = write(dir, "terraform.tfstate", """
                {"version": 4, "terraform_version": "1.9.8", "resources": [
                  {"instances": [{"attributes": {"name": "app", "image_tag_mutability": "MUTABLE"}}],
                   "name": "app", "type": "aws_ecr_repository", "mode": "managed"}]}
                """);

        assertThat(describe(repo(loadOk(state), "aws_ecr_repository.app").tagMutability())).isEqualTo("known:MUTABLE");
    }

    @Test
    void anEmptyStateBackupBesideAStateIsSkippedNotAnError() {
        write(dir, "infra/terraform.tfstate", read(V4));
        write(dir, "infra/terraform.tfstate.backup", "");

        LoadResult result = loadOk(dir.resolve("infra"));

        assertThat(result.skipped).extracting(Skipped::reason)
                .containsExactly("an empty Terraform state file: no resources in it");
    }

    @Test
    void anUnsupportedVersionOrAMalformedResourceFailsTheFile() {
        Path v5 = write(dir, "v5.tfstate", "{\"version\": 5, \"terraform_version\": \"9.0.0\", \"resources\": []}");
        Path mode = write(dir, "mode.tfstate", "{\"version\": 4, \"terraform_version\": \"1.9.8\", \"resources\": ["
                + "{\"mode\": 5, \"type\": \"aws_ecr_repository\", \"name\": \"x\", \"instances\": []}]}");
        Path cased = write(dir, "cased.tfstate", "{\"version\": 4, \"terraform_version\": \"1.9.8\", \"resources\": ["
                + "{\"mode\": \"Managed\", \"type\": \"aws_ecr_repository\", \"name\": \"x\", \"instances\": []}]}");
        Path type = write(dir, "type.tfstate", "{\"version\": 4, \"terraform_version\": \"1.9.8\", \"resources\": ["
                + "{\"mode\": \"managed\", \"type\": \"AWS_ECR_REPOSITORY\", \"name\": \"x\", \"instances\": []}]}");
        Path noAttributes = write(dir, "bare.tfstate", "{\"version\": 4, \"terraform_version\": \"1.9.8\", "
                + "\"resources\": [{\"mode\": \"managed\", \"type\": \"aws_ecr_repository\", \"name\": \"x\", "
                + "\"instances\": [{\"schema_version\": 0}]}]}");

        assertThat(load(v5).errors).extracting(InputError::oneLine)
                .containsExactly(v5 + ": unsupported Terraform state version 5 (ecr-guard reads versions 3 and 4, "
                        + "written by Terraform 0.9 and later)");
        assertThat(load(mode).errors).extracting(InputError::oneLine).singleElement().asString()
                .contains("mode should be \"managed\" or \"data\", not 5");
        assertThat(load(cased).errors).extracting(InputError::oneLine).singleElement().asString()
                .contains("not \"Managed\"");
        assertThat(load(type).errors).extracting(InputError::oneLine).singleElement().asString()
                .contains("\"AWS_ECR_REPOSITORY\" is not how Terraform writes aws_ecr_repository");
        assertThat(load(noAttributes).errors).extracting(InputError::oneLine).singleElement().asString()
                .contains("aws_ecr_repository.x has no attributes");
    }

    @Test
    void aFolderHoldingOnlyAMutableStateFailsWithEcr001() throws Exception {
        write(dir, "infra/terraform.tfstate", read(V4));
        write(dir, "infra/terraform.tfstate.backup", read(V3));

        CliRun run = CliRun.run("check", "--format", "json", dir.resolve("infra").toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.findings()).contains("ECR001 aws_ecr_repository.app",
                "ECR001 module.cache[0].aws_ecr_repository.mirror[1]",
                "ECR001 module.registry.aws_ecr_repository.this[\"worker\"]",
                "ECR001 module.registry.aws_ecr_repository.this[0]",
                "ECR008 module.registry.aws_ecs_task_definition.svc");
        assertThat(run.findings()).doesNotContain("ECR001 module.registry.aws_ecr_repository.this[\"api\"]");
        assertThat(run.findings()).contains("ECR007 module.registry.aws_ecr_repository.this[\"api\"]",
                "ECR003 module.registry.aws_ecr_repository.this[\"api\"]");
        assertThat(run.json().path("skipped")).isEmpty();
    }

    @Test
    void aRegistryScanningConfigurationInTheStateCoversItsRepositoriesAndTemplatesAreJudged() throws Exception {
        Path state = write(dir, "terraform.tfstate", """
                {"version": 4, "terraform_version": "1.9.8", "serial": 1, "lineage": "x", "outputs": {},
                 "resources": [
                  {"mode": "managed", "type": "aws_ecr_repository", "name": "prod", "instances": [{"attributes":
                    {"name": "prod-api", "image_tag_mutability": "IMMUTABLE",
                     "image_scanning_configuration": [{"scan_on_push": false}]}}]},
                  {"mode": "managed", "type": "aws_ecr_repository", "name": "dev", "instances": [{"attributes":
                    {"name": "dev-api", "image_tag_mutability": "IMMUTABLE",
                     "image_scanning_configuration": [{"scan_on_push": false}]}}]},
                  {"mode": "managed", "type": "aws_ecr_registry_scanning_configuration", "name": "this",
                   "instances": [{"attributes": {"scan_type": "ENHANCED", "rule": [{"scan_frequency": "SCAN_ON_PUSH",
                     "repository_filter": [{"filter": "prod-*", "filter_type": "WILDCARD"}]}]}}]},
                  {"mode": "managed", "type": "aws_ecr_repository_creation_template", "name": "cache",
                   "instances": [{"attributes": {"prefix": "ROOT", "applied_for": ["PULL_THROUGH_CACHE"],
                     "image_tag_mutability": "MUTABLE"}}]}]}
                """);

        CliRun run = CliRun.run("check", "--format", "json", state.toString());

        assertThat(run.findings()).containsExactlyInAnyOrder("ECR003 aws_ecr_repository.dev",
                "ECR006 aws_ecr_repository_creation_template.cache");
    }
}
