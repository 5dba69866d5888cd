package dev.ecrguard.load.cloudformation;

import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.image;
import static dev.ecrguard.load.LoadSupport.lineOf;
import static dev.ecrguard.load.LoadSupport.load;
import static dev.ecrguard.load.LoadSupport.loadOk;
import static dev.ecrguard.load.LoadSupport.repo;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.resource;
import static dev.ecrguard.load.LoadSupport.workload;
import static dev.ecrguard.load.LoadSupport.workloadIds;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.load.InputError;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.Workload;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAM templates: image functions are workloads like AWS::Lambda::Function; the rest is CloudFormation. */
class SamTemplateTest {
    private static final Path TEMPLATE = resource("sam/template.yaml");

    @TempDir
    Path dir;

    @Test
    void imageFunctionsAreWorkloadsAndZipOrBuiltFunctionsAreNot() {
        LoadResult result = loadOk(TEMPLATE);

        assertThat(workloadIds(result)).containsExactly("ApiFunction", "WorkerFunction", "ResizeFunction");
        Workload api = workload(result, "ApiFunction");
        assertThat(api.type()).isEqualTo("AWS::Serverless::Function");
        assertThat(api.location().line()).isEqualTo(lineOf(TEMPLATE, "ApiFunction:"));
        assertThat(describe(image(api, "ImageUri")))
                .isEqualTo("known:${ImagesRepo.RepositoryUri}:latest | repository=ImagesRepo | name=null | tag=latest"
                        + " | digest=null");
        assertThat(describe(image(workload(result, "WorkerFunction"), "ImageUri")))
                .isEqualTo("known:${ImagesRepo.RepositoryUri}:1.8.0 | repository=ImagesRepo | name=null | tag=1.8.0"
                        + " | digest=null");
        assertThat(describe(image(workload(result, "ResizeFunction"), "ImageUri")))
                .isEqualTo("known:public.ecr.aws/lambda/python:3.12 | repository=null | name=lambda/python | tag=3.12"
                        + " | digest=null");
    }

    @Test
    void theRestOfTheTemplateIsReadAsCloudFormation() {
        LoadResult result = loadOk(Map.of("Stage", "prod"), TEMPLATE);

        assertThat(repositoryIds(result)).containsExactly("ImagesRepo");
        assertThat(describe(repo(result, "ImagesRepo").name())).isEqualTo("known:thumbnails-prod");
        assertThat(describe(repo(result, "ImagesRepo").tagMutability())).isEqualTo("known:IMMUTABLE");
        assertThat(result.loaded).containsExactly(TEMPLATE.toString());
    }

    @Test
    void aTransformListAndJsonAreReadTheSameWay() {
        Path template = write(dir, "template.json", """
                {
                  "AWSTemplateFormatVersion": "2010-09-09",
                  "Transform": ["AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"],
                  "Parameters": {"ImageRepoUri": {"Type": "String"}},
                  "Resources": {
                    "Processor": {
                      "Type": "AWS::Serverless::Function",
                      "Properties": {
                        "PackageType": "Image",
                        "ImageUri": {"Fn::Join": [":", [{"Ref": "ImageRepoUri"}, "latest"]]},
                        "Policies": ["AWSLambdaBasicExecutionRole"]
                      }
                    }
                  }
                }
                """);
        LoadResult result = loadOk(template);

        assertThat(describe(image(workload(result, "Processor"), "ImageUri")))
                .isEqualTo("known:${ImageRepoUri}:latest | repository=null | name=null | tag=latest | digest=null");
    }

    @Test
    void anImagePropertyInGlobalsIsAnInputErrorAsSamRejectsIt() {
        Path template = write(dir, "template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    PackageType: Image
                    ImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Timeout: 10
                """);
        LoadResult result = load(template);

        assertThat(result.errors).extracting(InputError::oneLine).singleElement().asString()
                .contains(template.toString() + ":3:").contains("Globals.Function").contains("PackageType, ImageUri");
        assertThat(result.model.workloads).isEmpty();
    }

    @Test
    void aServerlessApplicationWithALocalTemplateIsReadAsANestedStack() {
        Path parent = write(dir, "template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Registry:
                    Type: AWS::Serverless::Application
                    Properties:
                      Location: registry/template.yaml
                      Parameters:
                        Mode: MUTABLE
                  FromRepository:
                    Type: AWS::Serverless::Application
                    Properties:
                      Location:
                        ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/registry
                        SemanticVersion: 1.0.0
                """);
        write(dir, "registry/template.yaml", """
                Parameters:
                  Mode: {Type: String, Default: IMMUTABLE, AllowedValues: [IMMUTABLE, MUTABLE]}
                Resources:
                  Repo:
                    Type: AWS::ECR::Repository
                    Properties:
                      ImageTagMutability: !Ref Mode
                """);

        LoadResult result = loadOk(parent);

        assertThat(repositoryIds(result)).containsExactly("registry/template.yaml/Repo");
        assertThat(describe(repo(result, "registry/template.yaml/Repo").tagMutability())).isEqualTo("known:MUTABLE");
    }
}
