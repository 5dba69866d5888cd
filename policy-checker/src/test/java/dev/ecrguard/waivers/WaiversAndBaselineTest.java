package dev.ecrguard.waivers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiver files (matched, expired, unused, malformed) and the baseline round trip, through the CLI. */
class WaiversAndBaselineTest {
    private static final String PLAN = "../examples/terraform/plan-registry.json";

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private static Path waivers(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("waivers.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void aMatchingWaiverWaivesWithItsReasonAndGlobsMatchResourceIds(@TempDir Path dir) throws Exception {
        Path file = waivers(dir, """
                waivers:
                  - rule: ECR003
                    resource: "module.registry.*"
                    reason: "scanned by the registry-wide scanning rule"
                    expires: 2999-12-31
                  - rule: ECR001
                    resource: "module.registry.aws_ecr_repository.this[\\"batch\\"]"
                    reason: "batch images are retagged by the nightly job"
                """);
        CliRun r = run("check", "--format", "json", "--waivers", file.toString(), PLAN);

        assertThat(r.ids("waived")).containsExactlyInAnyOrder(
                "ECR003 module.registry.aws_ecr_repository.this[\"worker\"]",
                "ECR003 module.registry.aws_ecr_repository.this[\"batch\"]",
                "ECR001 module.registry.aws_ecr_repository.this[\"batch\"]");
        assertThat(r.ids("findings")).contains("ECR001 module.registry.aws_ecr_repository.this[\"worker\"]")
                .doesNotContain("ECR001 module.registry.aws_ecr_repository.this[\"batch\"]");
        assertThat(r.json().path("waived").get(0).path("reason").asText()).isNotBlank();
        assertThat(r.json().path("waived").get(0).path("waivedBy").asText()).startsWith(file.toString() + ":");
        assertThat(r.json().path("notices")).isEmpty();
    }

    @Test
    void aWaiverThatWaivesEveryFailingFindingLetsTheRunPass(@TempDir Path dir) throws Exception {
        Path file = waivers(dir, """
                waivers:
                  - rule: ECR001
                    resource: "SandboxRepo"
                    reason: "sandbox, torn down nightly"
                """);
        assertThat(run("check", "../examples/cloudformation/registry.json").exit()).isEqualTo(1);
        assertThat(run("check", "--waivers", file.toString(), "../examples/cloudformation/registry.json").exit())
                .isZero();
    }

    @Test
    void anExpiredWaiverStopsWaivingAndTheRunSaysWhich(@TempDir Path dir) throws Exception {
        Path file = waivers(dir, """
                waivers:
                  - rule: ECR001
                    resource: "SandboxRepo"
                    reason: "sandbox, torn down nightly"
                    expires: 2020-01-31
                """);
        CliRun r = run("check", "--format", "json", "--waivers", file.toString(), "../examples/cloudformation/registry.json");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.ids("findings")).contains("ECR001 SandboxRepo");
        assertThat(r.ids("waived")).isEmpty();
        assertThat(r.err()).contains(file + ":2: waiver ECR001 on SandboxRepo").contains("expired on 2020-01-31");
        assertThat(r.json().path("notices").get(0).path("message").asText()).contains("expired");
    }

    @Test
    void aWaiverThatMatchesNothingIsReported(@TempDir Path dir) throws Exception {
        Path file = waivers(dir, """
                waivers:
                  - rule: ECR007
                    resource: "aws_ecr_repository.gone"
                    reason: "was a scratch repository"
                """);
        CliRun r = run("check", "--format", "json", "--waivers", file.toString(), PLAN);

        assertThat(r.json().path("notices").get(0).path("message").asText()).contains("matched no finding");
        assertThat(r.err()).contains("matched no finding");
    }

    @Test
    void aMalformedWaiverFileIsAnInputError(@TempDir Path dir) throws Exception {
        String[] broken = {
            "waivers:\n  - rule: ECR001\n    resource: x\n",
            "waivers:\n  - rule: ECR001\n    resource: x\n    reason: \"\"\n",
            "waivers:\n  - rule: ECR999\n    resource: x\n    reason: y\n",
            "waivers:\n  - rule: ECR001\n    resource: x\n    reason: y\n    expires: next spring\n",
            "waivers:\n  - rule: ECR001\n    resource: x\n    reson: y\n",
            "waiver:\n  - rule: ECR001\n",
            "waivers:\n  - rule: ECR001\n    rule: ECR002\n",
            "waivers: [\n",
        };
        for (String text : broken) {
            Path file = waivers(dir, text);
            CliRun r = run("check", "--waivers", file.toString(), PLAN);
            assertThat(r.exit()).as(text).isEqualTo(3);
            assertThat(r.err()).as(text).startsWith("ecr-guard: " + file).doesNotContain("\tat ");
        }
        assertThat(run("check", "--waivers", dir.resolve("missing.yaml").toString(), PLAN).exit()).isEqualTo(3);
    }

    @Test
    void theBaselineRoundTripReportsOnlyNewFindings(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("t.yaml");
        Files.writeString(template, """
                Resources:
                  Old:
                    Type: AWS::ECR::Repository
                """);
        CliRun baseline = run("baseline", template.toString());
        assertThat(baseline.exit()).isZero();
        Path baselineFile = dir.resolve("baseline.json");
        Files.writeString(baselineFile, baseline.out());
        assertThat(baseline.json().path("findings")).hasSize(2);

        assertThat(run("check", "--baseline", baselineFile.toString(), template.toString()).exit()).isZero();

        Files.writeString(template, """
                Description: lines move, ids stay
                Resources:
                  Old:
                    Type: AWS::ECR::Repository
                  New:
                    Type: AWS::ECR::Repository
                """);
        CliRun r = run("check", "--format", "json", "--baseline", baselineFile.toString(), template.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.ids("findings")).containsExactlyInAnyOrder("ECR001 New", "ECR003 New");
        assertThat(r.ids("baselined")).containsExactlyInAnyOrder("ECR001 Old", "ECR003 Old");
    }

    @Test
    void aFileThatIsNoBaselineIsAnInputError(@TempDir Path dir) throws Exception {
        Path notBaseline = dir.resolve("b.json");
        Files.writeString(notBaseline, "{\"findings\": []}");
        CliRun r = run("check", "--baseline", notBaseline.toString(), PLAN);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains(notBaseline.toString()).contains("not an ecr-guard baseline");
    }

    @Test
    void globsAreLiteralButForStarAndQuestionMark() {
        assertThat(Glob.matches("module.legacy.*", "module.legacy.aws_ecr_repository.x[\"a\"]")).isTrue();
        assertThat(Glob.matches("module.legacy.*", "module.legacyX")).isFalse();
        assertThat(Glob.matches("a.b", "aXb")).isFalse();
        assertThat(Glob.matches("Stack/Repo?", "Stack/Repo1")).isTrue();
        assertThat(Glob.matches("x[0]", "x[0]")).isTrue();
    }
}
