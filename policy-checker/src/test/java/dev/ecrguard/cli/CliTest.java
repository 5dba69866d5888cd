package dev.ecrguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, end to end, on the bundled examples. */
class CliTest {
    private static final String EXAMPLES = "../examples";
    private static final String PLAN = EXAMPLES + "/terraform/plan-registry.json";

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void aPlanWithMutableRepositoriesFailsWithOneLinePerFinding() {
        CliRun r = run("check", PLAN);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(PLAN + ":1060: error ECR005 aws_ecr_repository.tools: "
                + "image_tag_mutability changes from IMMUTABLE to MUTABLE");
        assertThat(r.out().lines().filter(l -> l.matches("^\\S+:\\d+: (error|warning|note) ECR00\\d \\S.*: .+")))
                .hasSize(11);
        assertThat(r.out().lines().reduce((a, b) -> b)).hasValueSatisfying(
                last -> assertThat(last).isEqualTo("11 findings (5 error, 5 warning, 1 note) in 1 file(s)"));
    }

    @Test
    void jsonReportNamesEveryFindingWithItsLocation() throws Exception {
        CliRun r = run("check", "--format", "json", PLAN);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.findings()).containsExactlyInAnyOrder(
                "ECR001 module.registry.aws_ecr_repository.this[\"worker\"]",
                "ECR003 module.registry.aws_ecr_repository.this[\"worker\"]",
                "ECR001 module.registry.aws_ecr_repository.this[\"batch\"]",
                "ECR003 module.registry.aws_ecr_repository.this[\"batch\"]",
                "ECR001 aws_ecr_repository.tools",
                "ECR005 aws_ecr_repository.tools",
                "ECR002 aws_ecr_repository.legacy",
                "ECR004 aws_ecr_repository.shared",
                "ECR006 aws_ecr_repository_creation_template.pull_through_cache",
                "ECR007 aws_ecr_repository.scratch",
                "ECR008 aws_ecs_task_definition.worker");
        JsonNode first = r.json().path("findings").get(0);
        assertThat(first.path("file").asText()).isEqualTo(PLAN);
        assertThat(first.path("line").isInt()).isTrue();
        assertThat(first.path("resourceType").asText()).startsWith("aws_");
        JsonNode summary = r.json().path("summary");
        assertThat(summary.path("findings").asInt()).isEqualTo(11);
        assertThat(summary.path("error").asInt()).isEqualTo(5);
        assertThat(summary.path("exitCode").asInt()).isEqualTo(1);
        assertThat(r.json().path("errors")).isEmpty();
    }

    @Test
    void cleanInputsPass() {
        assertThat(run("check", EXAMPLES + "/terraform/plan-clean.json").exit()).isZero();
        assertThat(run("check", EXAMPLES + "/cloudformation/clean.yaml").exit()).isZero();
    }

    @Test
    void failOnSetsTheLowestSeverityThatFails() {
        String cfn = EXAMPLES + "/cloudformation/registry.json";
        assertThat(run("check", "--fail-on", "never", PLAN).exit()).isZero();
        assertThat(run("check", "--fail-on", "error", cfn).exit()).isEqualTo(1);
        assertThat(run("check", "--fail-on", "warning", EXAMPLES + "/terraform/plan-clean.json").exit()).isZero();
    }

    @Test
    void aNoteFailsOnlyWithFailOnNote(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("t.yaml");
        Files.writeString(template, """
                Resources:
                  Repo:
                    Type: AWS::ECR::Repository
                    Properties:
                      ImageTagMutability: IMMUTABLE_WITH_EXCLUSION
                      ImageTagMutabilityExclusionFilters:
                        - ImageTagMutabilityExclusionFilterType: WILDCARD
                          ImageTagMutabilityExclusionFilterValue: latest
                      ImageScanningConfiguration: {ScanOnPush: true}
                """);
        assertThat(run("check", "--fail-on", "warning", template.toString()).exit()).isZero();
        assertThat(run("check", "--fail-on", "note", template.toString()).exit()).isEqualTo(1);
    }

    @Test
    void aWaiverInTheResourceMetadataWaivesThatRuleOnly(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("t.yaml");
        Files.writeString(template, """
                Resources:
                  Legacy:
                    Type: AWS::ECR::Repository
                    Metadata:
                      ecr-guard:
                        waivers:
                          - rule: ECR001
                            reason: retagged by the legacy release job until it moves to digests
                    Properties:
                      ImageTagMutability: MUTABLE
                """);
        CliRun r = run("check", "--format", "json", template.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.findings()).containsExactly("ECR003 Legacy");
        JsonNode waived = r.json().path("waived");
        assertThat(waived).hasSize(1);
        assertThat(waived.get(0).path("ruleId").asText()).isEqualTo("ECR001");
        assertThat(waived.get(0).path("reason").asText()).startsWith("retagged by the legacy release job");
        assertThat(run("check", template.toString()).out()).contains("waived ECR001 Legacy");
    }

    @Test
    void parametersOverrideTheirDefault() throws Exception {
        String template = EXAMPLES + "/cloudformation/registry.yaml";
        assertThat(run("check", "--format", "json", template).findings()).doesNotContain("ECR001 ServiceRepo");
        assertThat(run("check", "--format", "json", "--parameter", "TagMode=MUTABLE", template).findings())
                .contains("ECR001 ServiceRepo");
    }

    @Test
    void aFolderIsScannedAndFilesThatAreNoInputAreSkipped() throws Exception {
        CliRun r = run("check", "--format", "json", EXAMPLES);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.json().path("summary").path("files").asInt()).as("the 7 example inputs, and any app output")
                .isGreaterThanOrEqualTo(7);
        assertThat(r.json().path("skipped").toString()).contains("README.md");
        assertThat(r.findings()).contains("ECR001 SandboxRepo", "ECR001 module.ci.aws_ecr_repository.this[\"build-cache\"]");
    }

    @Test
    void standardInputIsReadWithDash() throws Exception {
        var saved = System.in;
        try (var in = Files.newInputStream(Path.of(PLAN))) {
            System.setIn(in);
            CliRun r = run("check", "--format", "json", "-");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.findings()).contains("ECR005 aws_ecr_repository.tools");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void anUnreadableInputWinsOverFindingsAndIsOneLineWithoutStackTrace() throws Exception {
        CliRun r = run("check", "--format", "json", PLAN, "no/such/plan.json");

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("ecr-guard: no/such/plan.json: no such file or folder");
        assertThat(r.json().path("errors").get(0).path("file").asText()).isEqualTo("no/such/plan.json");
        assertThat(r.json().path("findings")).hasSize(11);
    }

    @Test
    void aWellFormedFileThatIsNoInputIsAnErrorWhenNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"colour\": \"blue\"}");
        CliRun r = run("check", file.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains(file.toString()).contains("not a Terraform plan or state").doesNotContain("\tat ");
    }

    @Test
    void wrongUsageExitsTwo() {
        assertThat(run("check").exit()).isEqualTo(2);
        assertThat(run("check", "--format", "xml", PLAN).exit()).isEqualTo(2);
        assertThat(run("check", "--fail-on", "fatal", PLAN).exit()).isEqualTo(2);
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run().exit()).isEqualTo(2);
    }

    @Test
    void modelPrintsTheNormalizedModel() throws Exception {
        CliRun r = run("model", EXAMPLES + "/cloudformation/registry.yaml");

        assertThat(r.exit()).isZero();
        JsonNode model = r.json();
        assertThat(model.path("modelVersion").asInt()).isEqualTo(1);
        assertThat(model.path("repositories")).isNotEmpty();
        assertThat(model.has("creationTemplates") && model.has("registryScanning") && model.has("workloads")).isTrue();
        JsonNode service = null;
        for (JsonNode repo : model.path("repositories")) {
            if (repo.path("id").asText().equals("ServiceRepo")) {
                service = repo;
            }
        }
        assertThat(service).isNotNull();
        assertThat(service.path("tagMutability").path("state").asText()).isEqualTo("known");
        assertThat(service.path("tagMutability").path("why").asText()).contains("TagMode");
    }

    @Test
    void rulesListsEveryRule() throws Exception {
        CliRun text = run("rules");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("ECR001  error", "ECR008  warning", "Fix: ");
        CliRun json = run("rules", "--format", "json");
        assertThat(json.json()).hasSize(9);
    }

    @Test
    void versionAndHelpAnswer() {
        assertThat(run("--version").out()).startsWith("ecr-guard ");
        assertThat(run("check", "--help").out()).contains("--fail-on", "--parameter", "PATH");
        assertThat(run("--help").out()).contains("Exit codes", "check", "model", "rules");
    }
}
