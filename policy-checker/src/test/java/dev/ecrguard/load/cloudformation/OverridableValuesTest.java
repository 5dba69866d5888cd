package dev.ecrguard.load.cloudformation;

import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.loadOk;
import static dev.ecrguard.load.LoadSupport.repo;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.load.LoadSupport;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.ConditionalResource;
import dev.ecrguard.model.Repository;
import dev.ecrguard.model.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameters a deploy can override: the loader tells the rules what each other value would give (a setting's
 * {@code overrides}, a resource deployed only under another value); {@code --parameter} settles a parameter.
 */
class OverridableValuesTest {
    /** A registry stack as platform teams write it: the mode and the stage are parameters with defaults. */
    private static final String REGISTRY = """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: Container registry of the platform team
            Parameters:
              Stage:
                Type: String
                Default: dev
                AllowedValues: [dev, staging, prod]
              TagMode:
                Type: String
                Default: IMMUTABLE
                AllowedValues: [IMMUTABLE, MUTABLE]
              FreeMode:
                Type: String
                Default: IMMUTABLE
              SafeMode:
                Type: String
                Default: IMMUTABLE
                AllowedValues: [IMMUTABLE, IMMUTABLE_WITH_EXCLUSION]
              CacheMode:
                Type: AWS::SSM::Parameter::Value<String>
                Default: /platform/cache-mode
            Mappings:
              StageSettings:
                dev: {Mode: IMMUTABLE}
                staging: {Mode: MUTABLE}
                prod: {Mode: IMMUTABLE}
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              IsDev: !Equals [!Ref Stage, dev]
            Resources:
              AllowedRepo:
                Type: AWS::ECR::Repository
                Properties:
                  ImageTagMutability: !Ref TagMode
              FreeRepo:
                Type: AWS::ECR::Repository
                Properties:
                  ImageTagMutability: !Ref FreeMode
              SafeRepo:
                Type: AWS::ECR::Repository
                Properties:
                  ImageTagMutability: !Ref SafeMode
                  ImageTagMutabilityExclusionFilters:
                    - ImageTagMutabilityExclusionFilterType: WILDCARD
                      ImageTagMutabilityExclusionFilterValue: latest
              StageRepo:
                Type: AWS::ECR::Repository
                Properties:
                  ImageTagMutability: !FindInMap [StageSettings, !Ref Stage, Mode]
              DevOnlyUnset:
                Type: AWS::ECR::Repository
                Properties:
                  ImageTagMutability: !If [IsDev, IMMUTABLE, !Ref AWS::NoValue]
              LiteralRepo:
                Type: AWS::ECR::Repository
                Properties:
                  ImageTagMutability: IMMUTABLE
              ProdMirror:
                Type: AWS::ECR::Repository
                Condition: IsProd
                Properties:
                  RepositoryName: !Sub "mirror-${Stage}"
                  ImageTagMutability: !If [IsProd, MUTABLE, IMMUTABLE]
              ProdTemplate:
                Type: AWS::ECR::RepositoryCreationTemplate
                Condition: IsProd
                Properties:
                  Prefix: prod
                  AppliedFor: [PULL_THROUGH_CACHE]
            """;

    @TempDir
    Path dir;

    private static List<String> overrides(Value v) {
        return v.overrides() == null ? List.of() : v.overrides().stream()
                .map(o -> (o.given() == null ? o.parameter() + "=*" : o.parameter() + "=" + o.given()) + " -> "
                        + describe(o.value()))
                .toList();
    }

    @Test
    void aDefaultThatADeployCanOverrideCarriesWhatEachOtherValueGives() {
        LoadResult result = loadOk(write(dir, "registry.yaml", REGISTRY));

        Value allowed = repo(result, "AllowedRepo").tagMutability();
        assertThat(describe(allowed)).isEqualTo("known:IMMUTABLE");
        assertThat(overrides(allowed)).containsExactly("TagMode=MUTABLE -> known:MUTABLE");
        assertThat(overrides(repo(result, "FreeRepo").tagMutability())).containsExactly("FreeMode=* -> unknown");
        assertThat(overrides(repo(result, "SafeRepo").tagMutability()))
                .containsExactly("SafeMode=IMMUTABLE_WITH_EXCLUSION -> known:IMMUTABLE_WITH_EXCLUSION");
        assertThat(overrides(repo(result, "StageRepo").tagMutability()))
                .as("only the values that change the setting").containsExactly("Stage=staging -> known:MUTABLE");
        assertThat(overrides(repo(result, "DevOnlyUnset").tagMutability()))
                .containsExactly("Stage=staging -> absent", "Stage=prod -> absent");
        assertThat(repo(result, "LiteralRepo").tagMutability().overrides()).isNull();
    }

    @Test
    void aValueThatOnlyADeployWithoutTheResourceGivesIsNoOverride() {
        Path template = write(dir, "guarded.yaml", """
                Parameters:
                  Mode: {Type: String, Default: IMMUTABLE, AllowedValues: [IMMUTABLE, MUTABLE]}
                Conditions:
                  Strict: !Equals [!Ref Mode, IMMUTABLE]
                Resources:
                  Guarded:
                    Type: AWS::ECR::Repository
                    Condition: Strict
                    Properties:
                      ImageTagMutability: !Ref Mode
                """);

        LoadResult result = loadOk(template);

        assertThat(describe(repo(result, "Guarded").tagMutability())).isEqualTo("known:IMMUTABLE");
        assertThat(repo(result, "Guarded").tagMutability().overrides()).isNull();
    }

    @Test
    void aCommandLineValueIsSettled() {
        LoadResult result = loadOk(Map.of("TagMode", "IMMUTABLE", "Stage", "dev", "FreeMode", "IMMUTABLE"),
                write(dir, "registry.yaml", REGISTRY));

        assertThat(repo(result, "AllowedRepo").tagMutability().overrides()).isNull();
        assertThat(repo(result, "StageRepo").tagMutability().overrides()).isNull();
        assertThat(repo(result, "FreeRepo").tagMutability().overrides()).isNull();
        assertThat(result.model.conditionallyDeployed).isEmpty();
    }

    @Test
    void aResourceThatOnlyAnotherDeployMakesIsReadWithThatDeploysValues() {
        LoadResult result = loadOk(write(dir, "registry.yaml", REGISTRY));

        assertThat(repositoryIds(result)).doesNotContain("ProdMirror");
        assertThat(result.model.conditionallyDeployed).extracting(ConditionalResource::deployedWhen)
                .containsExactly("Stage=prod", "Stage=prod");
        Repository mirror = (Repository) result.model.conditionallyDeployed.get(0).resource();
        assertThat(mirror.id()).isEqualTo("ProdMirror");
        assertThat(describe(mirror.name())).isEqualTo("known:mirror-prod");
        assertThat(describe(mirror.tagMutability())).isEqualTo("known:MUTABLE");
        assertThat(mirror.location().line()).isEqualTo(LoadSupport.lineOf(dir.resolve("registry.yaml"), "ProdMirror:"));
        assertThat(result.model.conditionallyDeployed.get(1).resource())
                .isInstanceOfSatisfying(dev.ecrguard.model.CreationTemplate.class,
                        t -> assertThat(describe(t.tagMutability())).isEqualTo("absent"));
    }

    @Test
    void aNestedStacksParametersAreSettledByItsParent() {
        Path parent = write(dir, "parent.yaml", """
                Resources:
                  Registry:
                    Type: AWS::CloudFormation::Stack
                    Properties:
                      TemplateURL: nested/registry.yaml
                """);
        write(dir, "nested/registry.yaml", REGISTRY);

        LoadResult result = loadOk(parent);

        assertThat(repo(result, "nested/registry.yaml/AllowedRepo").tagMutability().overrides()).isNull();
        assertThat(result.model.conditionallyDeployed).isEmpty();
    }
}
