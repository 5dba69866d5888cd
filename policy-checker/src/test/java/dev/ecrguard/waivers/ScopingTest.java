package dev.ecrguard.waivers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecrguard.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one input says about a resource (an inline waiver, a CDK acknowledgement) applies to that resource in that
 * input only; baselines and waiver files can name the file, for ids that several root modules share.
 * The layout throughout: {@code dev/} and {@code prod/}, each with a mutable {@code aws_ecr_repository.app}.
 */
class ScopingTest {
    private static final String APP = "aws_ecr_repository.app";

    private static String terraform(boolean waived) {
        String comment = waived ? "\"//\": {\"ecr-guard\": {\"waivers\": [{\"rule\": \"ECR001\", "
                + "\"reason\": \"dev only\"}]}}, " : "";
        return "{\"resource\": {\"aws_ecr_repository\": {\"app\": {" + comment + "\"name\": \"app\", "
                + "\"image_tag_mutability\": \"MUTABLE\", \"image_scanning_configuration\": [{\"scan_on_push\": true}]}}}}";
    }

    private static String cloudFormation(boolean waived) {
        String metadata = waived ? """
                    Metadata:
                      ecr-guard:
                        waivers:
                          - rule: ECR001
                            reason: dev only
                """ : "";
        return """
                Resources:
                  App:
                    Type: AWS::ECR::Repository
                %s    Properties:
                      ImageTagMutability: MUTABLE
                      ImageScanningConfiguration:
                        ScanOnPush: true
                """.formatted(metadata);
    }

    /** "RULE resource file" of each entry of a JSON report section. */
    private static List<String> entries(CliRun r, String section) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode f : r.json().path(section)) {
            out.add(f.path("ruleId").asText() + " " + f.path("resource").asText() + " " + f.path("file").asText());
        }
        return out;
    }

    @Test
    void aTerraformInlineWaiverInDevDoesNotWaiveProd(@TempDir Path dir) throws Exception {
        Path dev = write(dir.resolve("dev/main.tf.json"), terraform(true));
        Path prod = write(dir.resolve("prod/main.tf.json"), terraform(false));

        // The folders, as in `check dev/ prod/`.
        CliRun r = CliRun.run("check", "--format", "json", dev.getParent().toString(), prod.getParent().toString());

        assertOnlyProdFails(r, "waived", dev, prod);
    }

    @Test
    void aCloudFormationMetadataWaiverInOneTemplateDoesNotWaiveAnother(@TempDir Path dir) throws Exception {
        Path dev = write(dir.resolve("dev.yaml"), cloudFormation(true));
        Path prod = write(dir.resolve("prod.yaml"), cloudFormation(false));

        CliRun r = CliRun.run("check", "--format", "json", dev.toString(), prod.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(entries(r, "findings")).containsExactly("ECR001 App " + prod);
        assertThat(entries(r, "waived")).containsExactly("ECR001 App " + dev);
    }

    @Test
    void aCdkAcknowledgementInOneAssemblyDoesNotWaiveTheSameIdInAnother(@TempDir Path dir) throws Exception {
        Path dev = cdkAssembly(dir.resolve("dev/cdk.out"), true);
        Path prod = cdkAssembly(dir.resolve("prod/cdk.out"), false);

        CliRun r = CliRun.run("check", "--format", "json", dev.getParent().toString(), prod.getParent().toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(entries(r, "findings")).containsExactly("ECR001 Registry/AppRepo " + prod);
        assertThat(entries(r, "waived")).containsExactly("ECR001 Registry/AppRepo " + dev);
    }

    /** A one-stack assembly with a mutable AppRepo, acknowledged for ECR001 or not; returns its template. */
    private static Path cdkAssembly(Path folder, boolean acknowledged) throws Exception {
        String acknowledgement = acknowledged ? ", \"/Registry/AppRepo\": [{\"type\": \"aws:cdk:acknowledged-rules\", "
                + "\"data\": {\"ECR001\": \"dev only\"}}]" : "";
        write(folder.resolve("manifest.json"), "{\"version\": \"36.0.0\", \"artifacts\": {\"Registry\": {"
                + "\"type\": \"aws:cloudformation:stack\", \"properties\": {\"templateFile\": \"Registry.template.json\"}, "
                + "\"metadata\": {\"/Registry/AppRepo/Resource\": [{\"type\": \"aws:cdk:logicalId\", \"data\": \"AppRepo\"}]"
                + acknowledgement + "}}}}");
        return write(folder.resolve("Registry.template.json"), "{\"Resources\": {\"AppRepo\": {"
                + "\"Type\": \"AWS::ECR::Repository\", \"Metadata\": {\"aws:cdk:path\": \"Registry/AppRepo/Resource\"}, "
                + "\"Properties\": {\"ImageTagMutability\": \"MUTABLE\", "
                + "\"ImageScanningConfiguration\": {\"ScanOnPush\": true}}}}}");
    }

    @Test
    void aBaselineRecordsFilesAndMatchesOnlyItsOwnFile(@TempDir Path dir) throws Exception {
        Path dev = write(dir.resolve("dev/main.tf.json"), terraform(false));
        Path prod = write(dir.resolve("prod/main.tf.json"), terraform(false));
        CliRun made = CliRun.run("baseline", dev.toString());
        assertThat(made.exit()).isZero();
        JsonNode entry = made.json().path("findings").get(0);
        assertThat(entry.path("file").asText()).isEqualTo(dev.toString());
        Path baseline = write(dir.resolve("baseline.json"), made.out());

        assertOnlyProdFails(checkBoth(dev, prod, "--baseline", baseline.toString()), "baselined", dev, prod);
    }

    @Test
    void aBaselineEntryWithoutAFileStillMatchesTheIdInAnyFile(@TempDir Path dir) throws Exception {
        Path dev = write(dir.resolve("dev/main.tf.json"), terraform(false));
        Path prod = write(dir.resolve("prod/main.tf.json"), terraform(false));
        Path baseline = write(dir.resolve("baseline.json"),
                "{\"ecrGuardBaseline\": 1, \"findings\": [{\"ruleId\": \"ECR001\", \"resource\": \"" + APP + "\"}]}");

        CliRun r = checkBoth(dev, prod, "--baseline", baseline.toString());

        assertThat(r.exit()).isZero();
        assertThat(entries(r, "baselined")).hasSize(2);
    }

    @Test
    void aBaselineFileMatchesHoweverThePathIsSpelled(@TempDir Path dir) throws Exception {
        Path prod = write(dir.resolve("prod/main.tf.json"), terraform(false));
        Path baseline = write(dir.resolve("baseline.json"), new ObjectMapper().createObjectNode()
                .put("ecrGuardBaseline", 1).set("findings", new ObjectMapper().createArrayNode().add(
                        new ObjectMapper().createObjectNode().put("ruleId", "ECR001").put("resource", APP)
                                .put("file", dir + "/prod/../prod/./main.tf.json"))).toString());

        CliRun r = CliRun.run("check", "--format", "json", "--baseline", baseline.toString(), prod.toString());

        assertThat(r.exit()).isZero();
    }

    @Test
    void aWaiverFileEntryCanBeLimitedToOneFile(@TempDir Path dir) throws Exception {
        Path dev = write(dir.resolve("dev/main.tf.json"), terraform(false));
        Path prod = write(dir.resolve("prod/main.tf.json"), terraform(false));
        Path waivers = write(dir.resolve("waivers.yaml"), """
                waivers:
                  - rule: ECR001
                    resource: "aws_ecr_repository.*"
                    file: "%s/dev/*"
                    reason: "dev is a sandbox"
                """.formatted(dir));

        assertOnlyProdFails(checkBoth(dev, prod, "--waivers", waivers.toString()), "waived", dev, prod);
    }

    @Test
    void aWaiverFileEntryWithoutAFileStillWaivesTheIdEverywhere(@TempDir Path dir) throws Exception {
        Path dev = write(dir.resolve("dev/main.tf.json"), terraform(false));
        Path prod = write(dir.resolve("prod/main.tf.json"), terraform(false));
        Path waivers = write(dir.resolve("waivers.yaml"), """
                waivers:
                  - rule: ECR001
                    resource: "%s"
                    reason: "accepted everywhere"
                """.formatted(APP));

        CliRun r = checkBoth(dev, prod, "--waivers", waivers.toString());

        assertThat(r.exit()).isZero();
        assertThat(entries(r, "waived")).hasSize(2);
        assertThat(r.err()).contains("waives " + APP + " in 2 files (" + dev + ", " + prod + "); add a 'file' glob");
    }

    /** {@code check --format json OPTIONS... dev prod}. */
    private static CliRun checkBoth(Path dev, Path prod, String... options) {
        List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
        args.addAll(List.of(options));
        args.add(dev.toString());
        args.add(prod.toString());
        return CliRun.run(args);
    }

    /** dev's finding is in {@code section} (waived, baselined), prod's is a finding: the run fails. */
    private static void assertOnlyProdFails(CliRun r, String section, Path dev, Path prod) throws Exception {
        assertThat(r.exit()).isEqualTo(1);
        assertThat(entries(r, section)).containsExactly("ECR001 " + APP + " " + dev);
        assertThat(entries(r, "findings")).containsExactly("ECR001 " + APP + " " + prod);
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
