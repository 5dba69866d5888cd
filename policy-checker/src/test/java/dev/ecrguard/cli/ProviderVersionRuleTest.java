package dev.ecrguard.cli;

import static dev.ecrguard.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ECR009, the provider version that exclusions need (the check the CDKTF construct made on its own before), is a rule
 * like any other: `ecr-guard check cdktf.out` reports it, SARIF carries it, and a waiver accepts it.
 */
class ProviderVersionRuleTest {
    @TempDir
    Path dir;

    private Path cdktfOut(String version, String waivers) throws Exception {
        Path out = dir.resolve("cdktf.out");
        Files.createDirectories(out.resolve("stacks/registry"));
        Files.writeString(out.resolve("manifest.json"), """
                {"version": "0.19.2", "stacks": {"registry": {"name": "registry", "constructPath": "registry",
                  "workingDirectory": "stacks/registry", "synthesizedStackPath": "stacks/registry/cdk.tf.json",
                  "annotations": [], "dependencies": []}}}""");
        Files.writeString(out.resolve("stacks/registry/cdk.tf.json"), """
                {"//": {"metadata": {"backend": "local", "stackName": "registry", "version": "0.19.2"}},
                 "terraform": {"required_providers": {"aws": {"source": "aws", "version": "%s"}}},
                 "resource": {"aws_ecr_repository": {"web": {
                   "//": {"metadata": {"path": "registry/web"}%s},
                   "name": "web", "image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION",
                   "image_tag_mutability_exclusion_filter": [{"filter": "latest", "filter_type": "WILDCARD"}],
                   "image_scanning_configuration": {"scan_on_push": true}}}}}""".formatted(version, waivers));
        return out;
    }

    @Test
    void checkOfACdktfOutputReportsTheRuleAndFails() throws Exception {
        CliRun text = run("check", cdktfOut("5.31.0", "").toString());
        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out()).contains("error ECR009 registry/aws_ecr_repository.web (construct registry/web): It uses image_tag_mutability "
                + "IMMUTABLE_WITH_EXCLUSION, which hashicorp/aws has only from 6.8.0, but the AWS provider version "
                + "constraint (terraform.required_providers.aws.version) is \"5.31.0\", which admits older versions");

        CliRun sarif = run("check", "--format", "sarif", cdktfOut("5.31.0", "").toString());
        JsonNode sarifRun = sarif.json().path("runs").get(0);
        JsonNode result = null;
        for (JsonNode r : sarifRun.path("results")) {
            if (r.path("ruleId").asText().equals("ECR009")) {
                result = r;
            }
        }
        assertThat(result).isNotNull();
        assertThat(result.path("level").asText()).isEqualTo("error");
        JsonNode rule = sarifRun.path("tool").path("driver").path("rules").get(result.path("ruleIndex").asInt());
        assertThat(rule.path("name").asText()).isEqualTo("ProviderTooOldForExclusions");
        assertThat(rule.path("helpUri").asText()).endsWith("#ecr009");
    }

    @Test
    void aConstraintThatRequiresTheVersionPasses() throws Exception {
        CliRun r = run("check", "--format", "json", cdktfOut("~> 6.8", "").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.findings()).doesNotContain("ECR009 registry/aws_ecr_repository.web");
    }

    @Test
    void aWaiverAcceptsIt() throws Exception {
        CliRun r = run("check", "--format", "json", cdktfOut("5.31.0", """
                , "ecr-guard": {"waivers": [{"rule": "ECR009", "reason": "the pipeline pins hashicorp/aws 6.12 itself"}]}
                """).toString());
        assertThat(r.exit()).isZero();
        assertThat(r.ids("waived")).containsExactly("ECR009 registry/aws_ecr_repository.web");
    }
}
