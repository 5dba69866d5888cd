package dev.ecrguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CloudFormation shapes of issues 8 and 9 (SAM, partial image references, Fn::ForEach), rules included. */
class CloudFormationShapesCliTest {
    private static final String SAM = "src/test/resources/sam/template.yaml";
    private static final String FOR_EACH = "src/test/resources/foreach/registry.yaml";

    @TempDir
    Path dir;

    @Test
    void aSamImageFunctionPullingLatestIsECR008() throws Exception {
        CliRun r = CliRun.run("check", "--format", "json", SAM);

        assertThat(r.findings()).containsExactly("ECR008 ApiFunction");
        assertThat(r.json().path("findings").get(0).path("message").asText())
                .contains("ImageUri (${ImagesRepo.RepositoryUri}:latest): the tag latest moves with every push");
        assertThat(r.exit()).isZero();
    }

    @Test
    void anImportedRepositoryWithALatestTagIsECR008() throws Exception {
        Path template = Files.writeString(dir.resolve("app.yaml"), """
                Parameters:
                  Tag: {Type: String, Default: latest}
                Resources:
                  Api:
                    Type: AWS::Lambda::Function
                    Properties:
                      PackageType: Image
                      Role: !ImportValue ApiRole
                      Code:
                        ImageUri: !Join [":", [!ImportValue RepoUri, !Ref Tag]]
                """);

        CliRun r = CliRun.run("check", "--format", "json", template.toString());
        assertThat(r.findings()).containsExactly("ECR008 Api");

        CliRun pinned = CliRun.run("check", "--format", "json", "--parameter", "Tag=2.4.1", template.toString());
        assertThat(pinned.findings()).isEmpty();
    }

    @Test
    void aLoopThatCannotBeExpandedIsOneECR004OnTheLoopAndExpandedLoopsAreJudged() throws Exception {
        CliRun r = CliRun.run("check", "--format", "json", "--parameter", "AlarmNames=a", FOR_EACH);

        assertThat(r.findings()).containsExactlyInAnyOrder(
                "ECR004 Fn::ForEach::Shared",
                "ECR001 ToolwebuiRepo", "ECR003 ToolwebuiRepo",
                "ECR001 ToolapigatewayRepo", "ECR003 ToolapigatewayRepo",
                "ECR003 PlatformbaseRepo", "ECR003 PlatformbuilderRepo", "ECR003 DataetlRepo",
                "ECR008 ordersTask", "ECR008 paymentsTask");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void aDefaultThatADeployCanOverrideAndAResourceAnotherDeployMakesAreECR004UntilSettled() throws Exception {
        Path template = Files.writeString(dir.resolve("registry.yaml"), """
                Parameters:
                  TagMode: {Type: String, Default: IMMUTABLE, AllowedValues: [IMMUTABLE, MUTABLE]}
                  Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                Resources:
                  AppRepo:
                    Type: AWS::ECR::Repository
                    Properties:
                      ImageTagMutability: !Ref TagMode
                      ImageScanningConfiguration: {ScanOnPush: true}
                  ProdCache:
                    Type: AWS::ECR::Repository
                    Condition: IsProd
                    Properties:
                      ImageScanningConfiguration: {ScanOnPush: true}
                """);

        CliRun r = CliRun.run("check", "--format", "json", template.toString());
        assertThat(r.findings()).containsExactly("ECR004 AppRepo", "ECR004 ProdCache");
        assertThat(r.json().path("findings").get(0).path("message").asText())
                .contains("deploys MUTABLE when TagMode=MUTABLE");
        assertThat(r.json().path("findings").get(1).path("message").asText())
                .contains("deployed when Stage=prod").contains("not set, so ECR's default MUTABLE applies");
        assertThat(r.exit()).isZero();

        CliRun settled = CliRun.run("check", "--format", "json", "--parameter", "TagMode=IMMUTABLE",
                "--parameter", "Stage=dev", template.toString());
        assertThat(settled.findings()).isEmpty();
        CliRun prod = CliRun.run("check", "--format", "json", "--parameter", "Stage=prod", template.toString());
        assertThat(prod.findings()).containsExactlyInAnyOrder("ECR004 AppRepo", "ECR001 ProdCache");
    }
}
