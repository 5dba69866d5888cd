package dev.ecrguard.load;

import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.image;
import static dev.ecrguard.load.LoadSupport.loadOk;
import static dev.ecrguard.load.LoadSupport.workload;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.model.Value;
import dev.ecrguard.model.Workload;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image references whose repository part is only known at deploy (an export of another stack, a parameter without a
 * default, a Terraform variable or a repository of another configuration) are judged by the tag or digest they end
 * with when that end is literal; otherwise they stay unknown and say that the tag is not known.
 */
class PartialImageReferenceTest {
    private static final String DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /** An application stack that pulls from a registry stack's exports: the shape of a split "infra / app" setup. */
    private static final String APP_STACK = """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: Orders service (the registry stack exports the repository URI)
            Parameters:
              RegistryStack:
                Type: String
                Default: shared-registry
              Repo:
                Type: String
                Description: repository URI, given by the pipeline
              Tag:
                Type: String
                Default: latest
              ReleaseTag:
                Type: String
            Resources:
              ApiTask:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  Family: orders-api
                  ContainerDefinitions:
                    - Name: joined
                      Image: !Join [":", [!ImportValue OrdersRepoUri, "latest"]]
                    - Name: imported-by-sub
                      Image: !Sub
                        - "${Uri}:latest"
                        - Uri: {"Fn::ImportValue": !Sub "${RegistryStack}-OrdersRepoUri"}
                    - Name: parameter
                      Image: !Sub "${Repo}:latest"
                    - Name: defaulted-tag
                      Image: !Sub "${Repo}:${Tag}"
                    - Name: own-account
                      Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/orders:latest"
                    - Name: pinned
                      Image: !Sub "${Repo}@%s"
                    - Name: version
                      Image: !Join ["", [!ImportValue OrdersRepoUri, ":2.4.1"]]
                    - Name: unknown-tag
                      Image: !Sub "${Repo}:${ReleaseTag}"
                    - Name: whole-import
                      Image: !ImportValue OrdersImage
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  PackageType: Image
                  Role: !ImportValue OrdersRole
                  Code:
                    ImageUri: !Sub "${Repo}"
            """.formatted(DIGEST);

    @TempDir
    Path dir;

    private Workload.Image container(LoadResult result, String name) {
        return image(workload(result, "ApiTask"), name);
    }

    @Test
    void aLiteralTagAfterAnUnknownRepositoryIsRead() {
        LoadResult result = loadOk(write(dir, "orders.yaml", APP_STACK));

        assertThat(describe(container(result, "joined")))
                .isEqualTo("known:${Fn::ImportValue OrdersRepoUri}:latest | repository=null | name=null | tag=latest"
                        + " | digest=null");
        assertThat(describe(container(result, "imported-by-sub")))
                .isEqualTo("known:${Fn::ImportValue shared-registry-OrdersRepoUri}:latest | repository=null"
                        + " | name=null | tag=latest | digest=null");
        assertThat(describe(container(result, "parameter")))
                .isEqualTo("known:${Repo}:latest | repository=null | name=null | tag=latest | digest=null");
        assertThat(describe(container(result, "version")))
                .isEqualTo("known:${Fn::ImportValue OrdersRepoUri}:2.4.1 | repository=null | name=null | tag=2.4.1"
                        + " | digest=null");
    }

    @Test
    void aTagFromAParameterDefaultIsReadAndACommandLineValueWins() {
        LoadResult defaults = loadOk(write(dir, "orders.yaml", APP_STACK));
        assertThat(container(defaults, "defaulted-tag").tag()).isEqualTo("latest");
        assertThat(container(defaults, "defaulted-tag").ref().why()).contains("Repo");

        LoadResult given = loadOk(Map.of("Tag", "2.4.1"), dir.resolve("orders.yaml"));
        assertThat(container(given, "defaulted-tag").tag()).isEqualTo("2.4.1");
    }

    @Test
    void aRegistryHostBuiltFromPseudoParametersKeepsTheRepositoryName() {
        LoadResult result = loadOk(write(dir, "orders.yaml", APP_STACK));

        assertThat(describe(container(result, "own-account"))).isEqualTo(
                "known:${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/orders:latest | repository=null"
                        + " | name=orders | tag=latest | digest=null");
    }

    @Test
    void aDigestIsReadWhateverTheRestIs() {
        LoadResult result = loadOk(write(dir, "orders.yaml", APP_STACK));

        assertThat(describe(container(result, "pinned")))
                .isEqualTo("known:${Repo}@" + DIGEST + " | repository=null | name=null | tag=null | digest=" + DIGEST);
    }

    @Test
    void withoutALiteralTagTheReferenceStaysUnknownAndSaysTheTagIsNotKnown() {
        LoadResult result = loadOk(write(dir, "orders.yaml", APP_STACK));

        Value unknownTag = container(result, "unknown-tag").ref();
        assertThat(describe(unknownTag)).isEqualTo("unknown");
        assertThat(unknownTag.why()).isEqualTo("the tag of the image is only known at deploy: ${Repo}:${ReleaseTag}");
        assertThat(describe(container(result, "whole-import").ref())).isEqualTo("unknown");
        assertThat(container(result, "whole-import").ref().why()).contains("Fn::ImportValue OrdersImage");
        Value bare = image(workload(result, "Worker"), "Code.ImageUri").ref();
        assertThat(describe(bare)).as("the parameter may hold a tag itself").isEqualTo("unknown");
        assertThat(bare.why()).contains("tag").contains("${Repo}");
    }

    @Test
    void terraformJsonReferencesToRepositoriesOfAnotherConfigurationAreJudgedByTheirTag() {
        Path config = write(dir, "service.tf.json", """
                {
                  "variable": {"repository_url": {"type": "string"}, "release": {"type": "string"}},
                  "data": {"aws_ecr_repository": {"shared": {"name": "shared"}}},
                  "resource": {
                    "aws_lambda_function": {
                      "latest": {"function_name": "a", "package_type": "Image", "role": "${var.role}",
                        "image_uri": "${aws_ecr_repository.app.repository_url}:latest"},
                      "data_source": {"function_name": "b", "package_type": "Image", "role": "${var.role}",
                        "image_uri": "${data.aws_ecr_repository.shared.repository_url}:latest"},
                      "variable": {"function_name": "c", "package_type": "Image", "role": "${var.role}",
                        "image_uri": "${var.repository_url}@%s"},
                      "release": {"function_name": "d", "package_type": "Image", "role": "${var.role}",
                        "image_uri": "${var.repository_url}:${var.release}"},
                      "formatted": {"function_name": "e", "package_type": "Image", "role": "${var.role}",
                        "image_uri": "${format(\\"%%s:%%s\\", var.repository_url, \\"latest\\")}"},
                      "unclosed": {"function_name": "f", "package_type": "Image", "role": "${var.role}",
                        "image_uri": "app:${var.tag"}
                    }
                  }
                }
                """.formatted(DIGEST));
        LoadResult result = loadOk(config);

        assertThat(describe(image(workload(result, "aws_lambda_function.latest"), "image_uri").ref()))
                .isEqualTo("known:${aws_ecr_repository.app.repository_url}:latest");
        assertThat(image(workload(result, "aws_lambda_function.latest"), "image_uri").tag()).isEqualTo("latest");
        assertThat(image(workload(result, "aws_lambda_function.data_source"), "image_uri").tag()).isEqualTo("latest");
        assertThat(describe(image(workload(result, "aws_lambda_function.variable"), "image_uri")))
                .isEqualTo("known:${var.repository_url}@" + DIGEST + " | repository=null | name=null | tag=null"
                        + " | digest=" + DIGEST);
        for (String unknown : new String[] {"aws_lambda_function.release", "aws_lambda_function.formatted",
                "aws_lambda_function.unclosed"}) {
            Value ref = image(workload(result, unknown), "image_uri").ref();
            assertThat(describe(ref)).as(unknown).isEqualTo("unknown");
            assertThat(ref.why()).as(unknown).startsWith("the tag of the image is only known at deploy: ");
        }
    }
}
