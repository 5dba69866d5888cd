package dev.ecrguard.load.cloudformation;

import static dev.ecrguard.load.LoadSupport.creationTemplate;
import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.image;
import static dev.ecrguard.load.LoadSupport.lineOf;
import static dev.ecrguard.load.LoadSupport.load;
import static dev.ecrguard.load.LoadSupport.loadOk;
import static dev.ecrguard.load.LoadSupport.repo;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.resource;
import static dev.ecrguard.load.LoadSupport.scanning;
import static dev.ecrguard.load.LoadSupport.workload;
import static dev.ecrguard.load.LoadSupport.workloadIds;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.load.InputError;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.CreationTemplate;
import dev.ecrguard.model.Repository;
import dev.ecrguard.model.Value;
import dev.ecrguard.model.Waiver;
import dev.ecrguard.model.Workload;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code intrinsics.yaml} uses the short-form tags; {@code intrinsics.json} is the same template in the long form
 * (converted with PyYAML, not with ecr-guard), so every resolution test runs on both.
 */
class CloudFormationLoaderTest {
    private static final Path YAML = resource("cloudformation/intrinsics.yaml");
    private static final Path JSON = resource("cloudformation/intrinsics.json");
    private static final String DIGEST = "sha256:3b4f0e2d6c1a9b8e7f5d4c3b2a19087f6e5d4c3b2a1908f7e6d5c4b3a2910f8e";

    @TempDir
    Path dir;

    static Stream<Path> templates() {
        return Stream.of(YAML, JSON);
    }

    private static String mutability(LoadResult result, String id) {
        return describe(repo(result, id).tagMutability());
    }

    @ParameterizedTest
    @MethodSource("templates")
    void logicalIdsAreTheIdsAndStaticallyFalseConditionsAreNotDeployed(Path template) {
        LoadResult result = loadOk(template);

        assertThat(repositoryIds(result))
                .doesNotContain("NeverDeployed", "OutsideEu")
                .contains("ProdOnly", "EuOnly", "AppRepo")
                .hasSize(26);
        assertThat(result.model.repositories).allSatisfy(r -> {
            assertThat(r.type()).isEqualTo("AWS::ECR::Repository");
            assertThat(r.before()).isNull();
            assertThat(r.location().file()).isEqualTo(template.toString());
        });
        assertThat(result.loaded).containsExactly(template.toString());
    }

    @ParameterizedTest
    @MethodSource("templates")
    void parameterReferences(Path template) {
        LoadResult result = loadOk(template);

        Value byDefault = repo(result, "RefDefault").tagMutability();
        assertThat(describe(byDefault)).isEqualTo("known:IMMUTABLE");
        assertThat(byDefault.why()).contains("TagMode").contains("Default").contains("MUTABLE");
        assertThat(mutability(result, "RefAllowed")).isEqualTo("unknown[IMMUTABLE, MUTABLE]");
        assertThat(mutability(result, "RefFree")).isEqualTo("unknown");
        assertThat(repo(result, "RefFree").tagMutability().why()).contains("FreeMode");
        assertThat(mutability(result, "RefSsm")).isEqualTo("unknown");
        assertThat(repo(result, "RefSsm").tagMutability().why()).contains("SSM");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void commandLineParametersWinOverDefaults(Path template) {
        LoadResult result = loadOk(Map.of("TagMode", "MUTABLE", "ModeChoice", "IMMUTABLE", "Env", "prod",
                "FreeMode", "MUTABLE_WITH_EXCLUSION"), template);

        assertThat(mutability(result, "RefDefault")).isEqualTo("known:MUTABLE");
        assertThat(mutability(result, "RefAllowed")).isEqualTo("known:IMMUTABLE");
        assertThat(mutability(result, "RefFree")).isEqualTo("known:MUTABLE_WITH_EXCLUSION");
        assertThat(mutability(result, "SubRepo")).isEqualTo("known:MUTABLE");
        // Env=prod makes the conditions on it evaluable
        assertThat(mutability(result, "IfUnknown")).isEqualTo("known:IMMUTABLE");
        assertThat(mutability(result, "IfNoValue")).isEqualTo("known:IMMUTABLE");
        assertThat(mutability(result, "IfOr")).isEqualTo("known:MUTABLE");
        assertThat(mutability(result, "MapByUnknownKey")).isEqualTo("known:IMMUTABLE");
        assertThat(describe(repo(result, "ExclusionRepo").exclusionFilters())).isEqualTo("known:[\"latest\",\"prod-*\"]");
    }

    @Test
    void aParameterGivenForAnotherConditionMakesAResourceNotDeployed() {
        LoadResult result = loadOk(Map.of("Env", "dev"), YAML);

        assertThat(repositoryIds(result)).doesNotContain("ProdOnly").contains("EuOnly");
        assertThat(mutability(result, "IfNoValue")).isEqualTo("absent");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void subJoinSelectFindInMapOverKnownValues(Path template) {
        LoadResult result = loadOk(template);

        assertThat(describe(repo(result, "SubRepo").name())).isEqualTo("known:platform-app");
        assertThat(mutability(result, "SubRepo")).isEqualTo("known:IMMUTABLE");
        assertThat(describe(repo(result, "SubWithVariables").name())).isEqualTo("known:MUTABLE-platform");
        assertThat(mutability(result, "SubWithVariables")).isEqualTo("known:IMMUTABLE");
        assertThat(describe(repo(result, "JoinRepo").name())).isEqualTo("known:platform-tools");
        assertThat(mutability(result, "JoinRepo")).isEqualTo("known:IMMUTABLE");
        assertThat(mutability(result, "SelectRepo")).isEqualTo("known:IMMUTABLE");
        assertThat(mutability(result, "MapRepo")).isEqualTo("known:IMMUTABLE");
        assertThat(mutability(result, "MapByUnknownKey")).isEqualTo("unknown");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void conditionsThatCanBeEvaluated(Path template) {
        LoadResult result = loadOk(template);

        assertThat(mutability(result, "IfTrue")).isEqualTo("known:IMMUTABLE");
        assertThat(mutability(result, "IfFalse")).isEqualTo("known:IMMUTABLE_WITH_EXCLUSION");
        assertThat(mutability(result, "IfAnd")).isEqualTo("known:IMMUTABLE");
        assertThat(mutability(result, "IfNoValueTaken")).isEqualTo("absent");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void conditionsThatCannotBeEvaluatedGiveTheCandidatesOfBothBranches(Path template) {
        LoadResult result = loadOk(template);

        Value ifUnknown = repo(result, "IfUnknown").tagMutability();
        assertThat(describe(ifUnknown)).isEqualTo("unknown[IMMUTABLE, MUTABLE]");
        assertThat(ifUnknown.why()).contains("IsProd");
        assertThat(mutability(result, "IfOr")).isEqualTo("unknown[MUTABLE, IMMUTABLE]");
        assertThat(mutability(result, "IfNoValue")).isEqualTo("unknown[IMMUTABLE, null]");
        assertThat(mutability(result, "IfSameBranches")).isEqualTo("known:IMMUTABLE");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void valuesOnlyKnownAtDeploy(Path template) {
        LoadResult result = loadOk(template);

        assertThat(mutability(result, "Imported")).isEqualTo("unknown");
        assertThat(repo(result, "Imported").tagMutability().why()).contains("Fn::ImportValue").contains("SharedTagMode");
        assertThat(mutability(result, "FromAttribute")).isEqualTo("unknown");
        assertThat(repo(result, "FromAttribute").tagMutability().why()).contains("ModeSource.Value");
        assertThat(mutability(result, "Dynamic")).isEqualTo("unknown");
        assertThat(repo(result, "Dynamic").tagMutability().why()).contains("{{resolve:ssm:/platform/ecr/tag-mode}}");
        assertThat(describe(repo(result, "RefAllowed").name())).isEqualTo("absent");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void stringBooleansBecomeBooleans(Path template) {
        Repository scratch = repo(loadOk(template), "StringBooleans");

        assertThat(describe(scratch.scanOnPush())).isEqualTo("known:false");
        assertThat(scratch.scanOnPush().value().isBoolean()).isTrue();
        assertThat(scratch.scanOnPush().attribute()).isEqualTo("ImageScanningConfiguration.ScanOnPush");
        assertThat(describe(scratch.forceDelete())).isEqualTo("known:true");
        assertThat(scratch.forceDelete().value().isBoolean()).isTrue();
        assertThat(scratch.forceDelete().attribute()).isEqualTo("EmptyOnDelete");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void exclusionFiltersCreationTemplateAndScanningRules(Path template) {
        LoadResult result = loadOk(template);

        Repository legacy = repo(result, "ExclusionRepo");
        assertThat(describe(legacy.exclusionFilters())).isEqualTo("unknown");
        assertThat(describe(legacy.scanOnPush())).isEqualTo("known:true");
        assertThat(describe(legacy.forceDelete())).isEqualTo("known:false");
        assertThat(describe(repo(result, "AppRepo").exclusionFilters())).isEqualTo("absent");
        assertThat(describe(repo(result, "AppRepo").scanOnPush())).isEqualTo("absent");

        CreationTemplate cache = creationTemplate(result, "CacheTemplate");
        assertThat(cache.type()).isEqualTo("AWS::ECR::RepositoryCreationTemplate");
        assertThat(describe(cache.prefix())).isEqualTo("known:cache");
        assertThat(describe(cache.appliedFor())).isEqualTo("known:[\"PULL_THROUGH_CACHE\",\"REPLICATION\"]");
        assertThat(describe(cache.tagMutability())).isEqualTo("known:MUTABLE_WITH_EXCLUSION");
        assertThat(describe(cache.exclusionFilters())).isEqualTo("known:[\"v*\"]");

        assertThat(describe(scanning(result, "RegistryScanning").scanType())).isEqualTo("known:ENHANCED");
        assertThat(describe(scanning(result, "RegistryScanning").rules())).isEqualTo("known:["
                + "{\"frequency\":\"SCAN_ON_PUSH\",\"filters\":[\"prod-*\"]},"
                + "{\"frequency\":\"CONTINUOUS_SCAN\",\"filters\":[\"*\"]}]");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void ecsImagesPointingAtARepositoryOfTheTemplate(Path template) {
        Workload task = workload(loadOk(template), "WorkerTask");

        assertThat(task.type()).isEqualTo("AWS::ECS::TaskDefinition");
        assertThat(task.images()).extracting(Workload.Image::container)
                .containsExactly("worker", "pinned", "by-account", "by-digest", "public", "elsewhere");
        assertThat(describe(image(task, "worker")))
                .isEqualTo("known:${AppRepo.RepositoryUri}:latest | repository=AppRepo | name=null | tag=latest | digest=null");
        assertThat(describe(image(task, "pinned")))
                .isEqualTo("known:${AppRepo.RepositoryUri}:1.0.0 | repository=AppRepo | name=null | tag=1.0.0 | digest=null");
        assertThat(describe(image(task, "by-account"))).isEqualTo(
                "known:${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:v1 | repository=null | name=app | tag=v1 | digest=null");
        assertThat(describe(image(task, "by-digest"))).isEqualTo("known:${AppRepo.RepositoryUri}@" + DIGEST
                + " | repository=AppRepo | name=null | tag=null | digest=" + DIGEST);
        assertThat(describe(image(task, "public")))
                .isEqualTo("known:public.ecr.aws/nginx/nginx:1.25 | repository=null | name=nginx/nginx | tag=1.25 | digest=null");
        assertThat(describe(image(task, "elsewhere"))).as("a repository of another stack: judged by its tag alone")
                .isEqualTo("known:${OtherStackRepo.RepositoryUri}:v2 | repository=null | name=null | tag=v2 | digest=null");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void lambdaBatchAndAppRunnerImages(Path template) {
        LoadResult result = loadOk(template);

        assertThat(workloadIds(result)).containsExactly("WorkerTask", "ApiFunction", "NightlyJob", "WebService");
        assertThat(describe(image(workload(result, "ApiFunction"), "Code.ImageUri")))
                .isEqualTo("known:${AppRepo.RepositoryUri}:1.0.0 | repository=AppRepo | name=null | tag=1.0.0 | digest=null");
        assertThat(describe(image(workload(result, "NightlyJob"), "ContainerProperties.Image"))).isEqualTo(
                "known:${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/jobs:nightly | repository=null | name=jobs | tag=nightly | digest=null");
        assertThat(describe(image(workload(result, "WebService"), "SourceConfiguration.ImageRepository.ImageIdentifier")))
                .isEqualTo("known:${AppRepo.RepositoryUri} | repository=AppRepo | name=null | tag=null | digest=null");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void waiversFromMetadata(Path template) {
        LoadResult result = loadOk(template);

        assertThat(repo(result, "AppRepo").waivers())
                .containsExactly(new Waiver("ECR003", "scanned by the registry-wide Inspector setup"));
        assertThat(repo(result, "RefDefault").waivers()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void resourcesAreLocatedOnTheLineOfTheirLogicalId(Path template) {
        LoadResult result = loadOk(template);
        String key = template == YAML ? "%s:" : "\"%s\": {";

        for (String id : new String[] {"RefDefault", "AppRepo", "ExclusionRepo"}) {
            assertThat(repo(result, id).location().line()).as(id).isEqualTo(lineOf(template, "  " + key.formatted(id)));
        }
        assertThat(workload(result, "WorkerTask").location().line()).isEqualTo(lineOf(template, key.formatted("WorkerTask")));
        assertThat(creationTemplate(result, "CacheTemplate").location().line())
                .isEqualTo(lineOf(template, key.formatted("CacheTemplate")));
        assertThat(repo(result, "AppRepo").location().constructPath()).isNull();
    }

    @Test
    void fnIfOnAWholePropertyObjectAndOnScanOnPush() {
        Path template = write(dir, "scan.yaml", """
                Parameters:
                  Env:
                    Type: String
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                Resources:
                  Repo:
                    Type: AWS::ECR::Repository
                    Properties:
                      ImageScanningConfiguration: !If
                        - IsProd
                        - ScanOnPush: "true"
                        - !Ref AWS::NoValue
                      EmptyOnDelete: !If [IsProd, false, "false"]
                """);

        Repository repo = repo(loadOk(template), "Repo");
        assertThat(describe(repo.scanOnPush())).isEqualTo("unknown[true, null]");
        assertThat(repo.scanOnPush().candidates().get(0).isBoolean()).isTrue();
        assertThat(describe(repo.forceDelete())).isEqualTo("known:false");
    }

    /** Conditions that refer to each other are an input error (ResolverDepthTest): CloudFormation rejects them. */
    @Test
    void conditionsReferringToMissingOnesAreUnknownNotAnError() {
        Path template = write(dir, "missing.json", """
                {
                  "Resources": {
                    "Missing": {
                      "Type": "AWS::ECR::Repository",
                      "Properties": {"ImageTagMutability": {"Fn::If": ["NoSuchCondition", "IMMUTABLE", "MUTABLE"]}}
                    }
                  }
                }
                """);

        LoadResult result = loadOk(template);
        assertThat(mutability(result, "Missing")).isEqualTo("unknown[IMMUTABLE, MUTABLE]");
    }

    @Test
    void aDynamicReferenceBuiltWithSubIsStillADynamicReference() {
        Path template = write(dir, "dynamic.yaml", """
                Parameters:
                  Env:
                    Type: String
                    Default: prod
                Resources:
                  Repo:
                    Type: AWS::ECR::Repository
                    Properties:
                      ImageTagMutability: !Sub "{{resolve:ssm:/platform/${Env}/ecr-tag-mode}}"
                """);

        assertThat(mutability(loadOk(template), "Repo")).isEqualTo("unknown");
    }

    @Test
    void aTemplateWithoutResourcesButWithAFormatVersionIsATemplate() {
        Path template = write(dir, "empty.yaml", """
                AWSTemplateFormatVersion: "2010-09-09"
                Description: nothing yet
                """);

        LoadResult result = loadOk(template);
        assertThat(result.loaded).containsExactly(template.toString());
        assertThat(result.model.repositories).isEmpty();
    }

    @Test
    void aNestedTemplateBesideALoneTemplateIsReadWithTheParentsParameters() {
        Path parent = write(dir, "parent.yaml", """
                Parameters:
                  Mode:
                    Type: String
                    Default: IMMUTABLE
                Resources:
                  Images:
                    Type: AWS::CloudFormation::Stack
                    Properties:
                      TemplateURL: nested/images.yaml
                      Parameters:
                        ChildMode: !Ref Mode
                """);
        write(dir, "nested/images.yaml", """
                Parameters:
                  ChildMode:
                    Type: String
                    Default: MUTABLE
                Resources:
                  Repo:
                    Type: AWS::ECR::Repository
                    Properties:
                      ImageTagMutability: !Ref ChildMode
                """);

        LoadResult result = loadOk(parent);
        assertThat(repositoryIds(result)).containsExactly("nested/images.yaml/Repo");
        assertThat(mutability(result, "nested/images.yaml/Repo")).isEqualTo("known:IMMUTABLE");
        assertThat(repo(result, "nested/images.yaml/Repo").location().line()).isEqualTo(6);
    }

    @Test
    void duplicateKeysAreAnInputErrorInYamlAndJson() {
        Path yaml = write(dir, "dup.yaml", """
                Resources:
                  Repo:
                    Type: AWS::ECR::Repository
                    Properties:
                      ImageTagMutability: IMMUTABLE
                      ImageTagMutability: MUTABLE
                """);
        Path json = write(dir, "dup.json", """
                {
                  "Resources": {
                    "Repo": {
                      "Type": "AWS::ECR::Repository",
                      "Properties": {
                        "ImageTagMutability": "IMMUTABLE",
                        "ImageTagMutability": "MUTABLE"
                      }
                    }
                  }
                }
                """);

        LoadResult result = load(yaml, json);
        assertThat(result.errors).extracting(InputError::oneLine).satisfiesExactly(
                e -> assertThat(e).startsWith(yaml + ":6: ").contains("ImageTagMutability"),
                e -> assertThat(e).startsWith(json + ":7: ").contains("ImageTagMutability"));
        assertThat(result.model.repositories).isEmpty();
    }
}
