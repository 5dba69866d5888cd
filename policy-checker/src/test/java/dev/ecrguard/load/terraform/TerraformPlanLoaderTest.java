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
import static dev.ecrguard.load.LoadSupport.workloadIds;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.load.LoadSupport;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.Repository;
import dev.ecrguard.model.Workload;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class TerraformPlanLoaderTest {
    private static final Path PLAN = resource("terraform/plan-actions.json");
    private static final Path PLANNED_VALUES = resource("terraform/plan-planned-values.json");
    private static final Path STATE = resource("terraform/state.json");
    private static final String REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    @TempDir
    Path dir;

    @Test
    void judgesWhatExistsAfterApplyAndNothingElse() {
        LoadResult result = loadOk(PLAN);

        assertThat(repositoryIds(result)).containsExactly(
                "aws_ecr_repository.created",
                "aws_ecr_repository.updated",
                "aws_ecr_repository.unchanged",
                "aws_ecr_repository.renamed",
                "aws_ecr_repository.rotated",
                "aws_ecr_repository.pending",
                "aws_ecr_repository.scan_later",
                "module.registry.aws_ecr_repository.this[\"worker\"]",
                "module.registry.aws_ecr_repository.this[\"api\"]",
                "module.cache[0].aws_ecr_repository.mirror[1]",
                // no change describes it, so planned_values says it will exist: judged, never hidden
                "aws_ecr_repository.only_in_planned_values");
        assertThat(result.loaded).containsExactly(PLAN.toString());
        assertThat(result.skipped).isEmpty();
    }

    @Test
    void readsTheAfterStateOfEachAction() {
        LoadResult result = loadOk(PLAN);

        assertThat(describe(repo(result, "aws_ecr_repository.created").tagMutability())).isEqualTo("known:IMMUTABLE");
        assertThat(describe(repo(result, "aws_ecr_repository.updated").tagMutability())).isEqualTo("known:MUTABLE");
        Repository unchanged = repo(result, "aws_ecr_repository.unchanged");
        assertThat(describe(unchanged.tagMutability())).isEqualTo("known:IMMUTABLE_WITH_EXCLUSION");
        assertThat(describe(unchanged.exclusionFilters())).isEqualTo("known:[\"latest\",\"dev-*\"]");
        Repository renamed = repo(result, "aws_ecr_repository.renamed");
        assertThat(describe(renamed.name())).isEqualTo("known:renamed");
        assertThat(describe(renamed.tagMutability())).isEqualTo("known:IMMUTABLE");
        Repository rotated = repo(result, "aws_ecr_repository.rotated");
        assertThat(describe(rotated.tagMutability())).isEqualTo("known:MUTABLE_WITH_EXCLUSION");
        assertThat(describe(rotated.exclusionFilters())).isEqualTo("known:[\"release-*\"]");
    }

    @Test
    void scalarsAndBlocksOfAPlannedRepository() {
        Repository created = repo(loadOk(PLAN), "aws_ecr_repository.created");

        assertThat(created.type()).isEqualTo("aws_ecr_repository");
        assertThat(describe(created.name())).isEqualTo("known:created");
        assertThat(describe(created.scanOnPush())).isEqualTo("known:true");
        assertThat(created.scanOnPush().value().isBoolean()).isTrue();
        assertThat(describe(created.forceDelete())).isEqualTo("absent");
        assertThat(describe(created.exclusionFilters())).isEqualTo("absent");
        assertThat(created.tagMutability().attribute()).isEqualTo("image_tag_mutability");
        assertThat(created.waivers()).isEmpty();
    }

    @Test
    void beforeOnlyWhenTheChangeHasABeforeObject() {
        LoadResult result = loadOk(PLAN);

        Repository updated = repo(result, "aws_ecr_repository.updated");
        assertThat(updated.before()).isNotNull();
        assertThat(describe(updated.before().tagMutability())).isEqualTo("known:IMMUTABLE");
        assertThat(describe(updated.before().exclusionFilters())).isEqualTo("absent");
        assertThat(describe(repo(result, "aws_ecr_repository.renamed").before().tagMutability()))
                .isEqualTo("known:MUTABLE");
        assertThat(describe(repo(result, "aws_ecr_repository.unchanged").before().exclusionFilters()))
                .isEqualTo("known:[\"latest\",\"dev-*\"]");
        assertThat(repo(result, "aws_ecr_repository.created").before()).isNull();
        assertThat(repo(result, "module.registry.aws_ecr_repository.this[\"worker\"]").before()).isNull();
    }

    @Test
    void afterUnknownMakesTheMutabilityUnknown() {
        Repository pending = repo(loadOk(PLAN), "aws_ecr_repository.pending");

        assertThat(describe(pending.tagMutability())).isEqualTo("unknown");
        assertThat(pending.tagMutability().why()).isEqualTo("known after apply");
        assertThat(pending.tagMutability().attribute()).isEqualTo("image_tag_mutability");
        assertThat(describe(pending.scanOnPush())).isEqualTo("known:true");
    }

    @Test
    void unknownNestedBlocksAreUnknownNotAbsent() {
        Repository later = repo(loadOk(PLAN), "aws_ecr_repository.scan_later");

        assertThat(describe(later.scanOnPush())).isEqualTo("unknown");
        assertThat(describe(later.exclusionFilters())).isEqualTo("unknown");
        assertThat(describe(later.tagMutability())).isEqualTo("known:IMMUTABLE_WITH_EXCLUSION");
    }

    @Test
    void moduleAndIndexAddressesAreKeptVerbatim() {
        LoadResult result = loadOk(PLAN);

        Repository worker = repo(result, "module.registry.aws_ecr_repository.this[\"worker\"]");
        assertThat(describe(worker.name())).isEqualTo("known:worker");
        assertThat(describe(worker.scanOnPush())).isEqualTo("known:false");
        assertThat(describe(repo(result, "module.cache[0].aws_ecr_repository.mirror[1]").name()))
                .isEqualTo("known:mirror-1");
    }

    @Test
    void eachResourceIsLocatedAtTheLineWhereItsObjectStarts() {
        LoadResult result = loadOk(PLAN);

        for (Repository r : result.model.repositories) {
            String address = "\"address\": \"" + r.id().replace("\"", "\\\"") + "\"";
            assertThat(r.location().file()).isEqualTo(PLAN.toString());
            assertThat(r.location().line()).as(r.id()).isEqualTo(lineOf(PLAN, address) - 1);
            assertThat(r.location().constructPath()).isNull();
        }
        // the deposed object of "rotated" comes later in the file: the location must be the live one
        assertThat(repo(result, "aws_ecr_repository.rotated").location().line())
                .isEqualTo(lineOf(PLAN, "\"address\": \"aws_ecr_repository.rotated\"") - 1);
        assertThat(workload(result, "aws_lambda_function.api").location().line())
                .isEqualTo(lineOf(PLAN, "\"address\": \"aws_lambda_function.api\"") - 1);
    }

    @Test
    void ecsContainerDefinitionsStringBecomesOneImagePerContainer() {
        Workload task = workload(loadOk(PLAN), "aws_ecs_task_definition.worker");

        assertThat(task.type()).isEqualTo("aws_ecs_task_definition");
        assertThat(task.images()).extracting(Workload.Image::container)
                .containsExactly("worker", "log-router", "sidecar");
        assertThat(describe(image(task, "worker"))).isEqualTo("known:" + REGISTRY + "/worker:1.4.2"
                + " | repository=null | name=worker | tag=1.4.2 | digest=null");
        assertThat(describe(image(task, "log-router"))).isEqualTo("known:" + REGISTRY
                + "/cache/aws-for-fluent-bit@sha256:3b4f0e2d6c1a9b8e7f5d4c3b2a19087f6e5d4c3b2a1908f7e6d5c4b3a2910f8e"
                + " | repository=null | name=cache/aws-for-fluent-bit | tag=null"
                + " | digest=sha256:3b4f0e2d6c1a9b8e7f5d4c3b2a19087f6e5d4c3b2a1908f7e6d5c4b3a2910f8e");
        assertThat(describe(image(task, "sidecar"))).isEqualTo("known:public.ecr.aws/docker/library/busybox"
                + " | repository=null | name=docker/library/busybox | tag=null | digest=null");
    }

    @Test
    void lambdaAppRunnerAndBatchImages() {
        LoadResult result = loadOk(PLAN);

        assertThat(workloadIds(result)).containsExactly("aws_ecs_task_definition.worker", "aws_lambda_function.api",
                "aws_apprunner_service.web", "aws_batch_job_definition.nightly");
        assertThat(describe(image(workload(result, "aws_lambda_function.api"), "image_uri")))
                .isEqualTo("known:" + REGISTRY + "/app:1.4.2 | repository=null | name=app | tag=1.4.2 | digest=null");
        assertThat(describe(image(workload(result, "aws_apprunner_service.web"), "image_identifier")))
                .isEqualTo("known:" + REGISTRY + "/web:latest | repository=null | name=web | tag=latest | digest=null");
        assertThat(describe(image(workload(result, "aws_batch_job_definition.nightly"), "container_properties")))
                .isEqualTo("known:" + REGISTRY + "/jobs@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0"
                        + " | repository=null | name=jobs | tag=null"
                        + " | digest=sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0");
    }

    @Test
    void unknownContainerDefinitionsGiveOneUnknownImage() {
        Path plan = write(dir, "plan.json", minimalPlan("1.2", """
                {
                  "address": "aws_ecs_task_definition.api",
                  "mode": "managed",
                  "type": "aws_ecs_task_definition",
                  "name": "api",
                  "change": {
                    "actions": ["create"],
                    "before": null,
                    "after": {"family": "api"},
                    "after_unknown": {"container_definitions": true, "arn": true}
                  }
                }"""));

        Workload task = workload(loadOk(plan), "aws_ecs_task_definition.api");
        assertThat(task.images()).hasSize(1);
        assertThat(describe(task.images().get(0).ref())).isEqualTo("unknown");
    }

    @Test
    void stateJsonUsesItsValuesWithModulesAndWithoutDataSources() {
        LoadResult result = loadOk(STATE);

        assertThat(repositoryIds(result)).containsExactly("aws_ecr_repository.app",
                "module.ci.aws_ecr_repository.this[\"build-cache\"]");
        Repository app = repo(result, "aws_ecr_repository.app");
        assertThat(describe(app.tagMutability())).isEqualTo("known:IMMUTABLE");
        assertThat(describe(app.forceDelete())).isEqualTo("known:true");
        assertThat(app.before()).isNull();
        assertThat(app.location().line()).isEqualTo(lineOf(STATE, "\"address\": \"aws_ecr_repository.app\"") - 1);
        assertThat(describe(repo(result, "module.ci.aws_ecr_repository.this[\"build-cache\"]").scanOnPush()))
                .isEqualTo("known:false");
        assertThat(describe(LoadSupport.creationTemplate(result, "aws_ecr_repository_creation_template.cache")
                .appliedFor())).isEqualTo("known:[\"PULL_THROUGH_CACHE\"]");
        assertThat(describe(LoadSupport.scanning(result, "aws_ecr_registry_scanning_configuration.this").rules()))
                .isEqualTo("known:[{\"frequency\":\"CONTINUOUS_SCAN\",\"filters\":[\"prod-*\",\"app\"]}]");
    }

    @Test
    void planWithOnlyPlannedValuesUsesThemThroughNestedModules() {
        LoadResult result = loadOk(PLANNED_VALUES);

        assertThat(repositoryIds(result)).containsExactly("aws_ecr_repository.app",
                "module.registry.aws_ecr_repository.this[\"worker\"]",
                "module.registry.module.cache.aws_ecr_repository.mirror[0]");
        assertThat(describe(repo(result, "module.registry.aws_ecr_repository.this[\"worker\"]").tagMutability()))
                .isEqualTo("known:MUTABLE");
        assertThat(repo(result, "aws_ecr_repository.app").before()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1", "0.2", "1.0", "1.2", "1.9"})
    void acceptsFormatVersionsZeroAndOne(String version) {
        Path plan = write(dir, "plan.json", minimalPlan(version, repositoryChange("aws_ecr_repository.x", "IMMUTABLE")));

        assertThat(describe(repo(loadOk(plan), "aws_ecr_repository.x").tagMutability())).isEqualTo("known:IMMUTABLE");
    }

    @Test
    void aPlanWithoutFormatVersionIsStillAPlan() {
        String plan = minimalPlan("1.2", repositoryChange("aws_ecr_repository.x", "MUTABLE"))
                .replace("\"format_version\": \"1.2\",", "").replace("\"terraform_version\": \"1.9.8\",", "");
        Path file = write(dir, "plan.json", plan);

        assertThat(describe(repo(loadOk(file), "aws_ecr_repository.x").tagMutability())).isEqualTo("known:MUTABLE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.0", "2", "10.1", "one"})
    void rejectsAnUnknownMajorFormatVersion(String version) {
        Path plan = write(dir, "plan.json", minimalPlan(version, repositoryChange("aws_ecr_repository.x", "IMMUTABLE")));

        LoadResult result = load(plan);
        assertThat(result.errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(plan.toString());
            assertThat(e.oneLine()).startsWith(plan + ": ").contains("format_version").contains(version);
        });
        assertThat(result.model.repositories).isEmpty();
        assertThat(result.loaded).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-16LE", "UTF-16BE"})
    void readsPlansWithAByteOrderMark(String encoding) {
        Path plan = write(dir, "plan-" + encoding + ".json", withBom(read(PLAN), Charset.forName(encoding)));

        LoadResult result = loadOk(plan);
        LoadResult utf8 = loadOk(PLAN);
        assertThat(repositoryIds(result)).isEqualTo(repositoryIds(utf8));
        assertThat(result.model.repositories).extracting(r -> r.location().line())
                .isEqualTo(utf8.model.repositories.stream().map(r -> r.location().line()).toList());
        assertThat(describe(image(workload(result, "aws_ecs_task_definition.worker"), "worker").ref()))
                .isEqualTo("known:" + REGISTRY + "/worker:1.4.2");
    }

    @Test
    void aSingleLinePlanAsTerraformWritesIt() {
        String oneLine = read(PLAN).lines().map(String::strip).reduce("", String::concat);
        Path plan = write(dir, "plan.json", oneLine);

        LoadResult result = loadOk(plan);
        assertThat(result.model.repositories).hasSize(11).allSatisfy(r -> assertThat(r.location().line()).isEqualTo(1));
    }

    @Test
    void aPlanNamedTwiceIsReadOnce() {
        Path copy = write(dir, "plan.json", read(PLANNED_VALUES));
        write(dir, "plans/notes.txt", "the same plan, by another path");

        LoadResult result = loadOk(copy, dir.resolve("plans/../plan.json"), copy);
        assertThat(repositoryIds(result)).hasSize(3).doesNotHaveDuplicates();
        assertThat(result.loaded).containsExactly(copy.toString());
    }

    // ---- helpers ----

    private static byte[] withBom(String text, Charset charset) {
        byte[] bom = switch (charset.name()) {
            case "UTF-8" -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            case "UTF-16LE" -> new byte[] {(byte) 0xFF, (byte) 0xFE};
            case "UTF-16BE" -> new byte[] {(byte) 0xFE, (byte) 0xFF};
            default -> throw new IllegalArgumentException(charset.name());
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(text.replace("\n", "\r\n").getBytes(charset));
        return out.toByteArray();
    }

    public static String minimalPlan(String formatVersion, String... changes) {
        return """
                {
                  "format_version": "%s",
                  "terraform_version": "1.9.8",
                  "resource_changes": [
                %s
                  ],
                  "applyable": true,
                  "complete": true,
                  "errored": false
                }
                """.formatted(formatVersion, String.join(",\n", changes));
    }

    public static String repositoryChange(String address, String mutability) {
        String name = address.substring(address.lastIndexOf('.') + 1);
        return """
                {
                  "address": "%s",
                  "mode": "managed",
                  "type": "aws_ecr_repository",
                  "name": "%s",
                  "provider_name": "registry.terraform.io/hashicorp/aws",
                  "change": {
                    "actions": ["create"],
                    "before": null,
                    "after": {"name": "%s", "image_tag_mutability": "%s", "force_delete": null},
                    "after_unknown": {"arn": true, "id": true, "repository_url": true}
                  }
                }""".formatted(address, name, name, mutability);
    }
}
