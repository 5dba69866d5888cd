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

import dev.ecrguard.load.LoadSupport;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.Repository;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fn::ForEach (AWS::LanguageExtensions) loops are expanded as CloudFormation expands them before deploy. */
class ForEachTest {
    private static final Path TEMPLATE = resource("foreach/registry.yaml");

    @TempDir
    Path dir;

    @Test
    void aListParameterDefaultALiteralListAndNestedLoopsOverAMappingAreExpanded() {
        LoadResult result = loadOk(Map.of("SharedNames", "x", "AlarmNames", "y"), TEMPLATE);

        assertThat(repositoryIds(result)).containsExactly("ordersRepo", "paymentsRepo", "ToolwebuiRepo",
                "ToolapigatewayRepo", "PlatformbaseRepo", "PlatformbuilderRepo", "DataetlRepo", "SharedxRepo");
        assertThat(describe(repo(result, "paymentsRepo").name())).isEqualTo("known:shop/payments");
        assertThat(describe(repo(result, "paymentsRepo").tagMutability())).isEqualTo("known:IMMUTABLE");
        assertThat(describe(repo(result, "ToolapigatewayRepo").name())).as("&{} strips only the key")
                .isEqualTo("known:tools/api.gateway");
        assertThat(describe(repo(result, "ToolapigatewayRepo").tagMutability())).isEqualTo("known:MUTABLE");
        assertThat(describe(repo(result, "PlatformbuilderRepo").name())).isEqualTo("known:Platform/builder");
    }

    @Test
    void expandedResourcesAreLocatedAtTheLoopBodyAndLinkToEachOther() {
        LoadResult result = loadOk(Map.of("SharedNames", "x", "AlarmNames", "y"), TEMPLATE);

        assertThat(repo(result, "ordersRepo").location().line()).isEqualTo(lineOf(TEMPLATE, "\"${Service}Repo\":"));
        assertThat(repo(result, "paymentsRepo").location().line()).isEqualTo(lineOf(TEMPLATE, "\"${Service}Repo\":"));
        assertThat(workloadIds(result)).containsExactly("ordersTask", "paymentsTask");
        assertThat(describe(image(workload(result, "paymentsTask"), "payments")))
                .isEqualTo("known:${paymentsRepo.RepositoryUri}:latest | repository=paymentsRepo | name=null"
                        + " | tag=latest | digest=null");
    }

    @Test
    void aCommandLineParameterChangesTheCollection() {
        LoadResult result = loadOk(Map.of("Services", "cart,search,orders", "SharedNames", "x", "AlarmNames", "y"),
                TEMPLATE);

        assertThat(repositoryIds(result)).startsWith("cartRepo", "searchRepo", "ordersRepo");
        assertThat(workloadIds(result)).containsExactly("cartTask", "searchTask", "ordersTask");
    }

    @Test
    void aLoopThatCannotBeExpandedIsOneRepositoryNamedByTheLoopWithNothingKnown() {
        LoadResult result = loadOk(TEMPLATE);

        assertThat(repositoryIds(result)).contains("Fn::ForEach::Shared")
                .as("a loop that makes no repository is not reported").doesNotContain("Fn::ForEach::Alarms")
                .noneMatch(id -> id.startsWith("Shared"));
        Repository loop = repo(result, "Fn::ForEach::Shared");
        assertThat(loop.type()).isEqualTo("AWS::ECR::Repository");
        assertThat(loop.location().line()).isEqualTo(lineOf(TEMPLATE, "Fn::ForEach::Shared:"));
        assertThat(describe(loop.tagMutability())).isEqualTo("unknown");
        assertThat(loop.tagMutability().why()).contains("Fn::ForEach::Shared").contains("SharedNames")
                .contains("no Default");
        assertThat(describe(loop.scanOnPush())).isEqualTo("unknown");
        assertThat(describe(loop.forceDelete())).isEqualTo("unknown");
    }

    @Test
    void conditionsMadeByALoopApply() {
        Path template = write(dir, "conditions.yaml", read(TEMPLATE)
                .replace("AllowedValues: [IMMUTABLE]", "AllowedValues: [IMMUTABLE, MUTABLE]"));

        LoadResult result = loadOk(Map.of("Mode", "MUTABLE", "SharedNames", "x", "AlarmNames", "y"), template);

        assertThat(repositoryIds(result)).as("Scanorders and Scanpayments are false").doesNotContain("ordersRepo",
                "paymentsRepo");
    }

    @Test
    void creationTemplatesInALoopThatCannotBeExpandedAreReportedToo() {
        Path template = write(dir, "templates.json", """
                {"Transform": "AWS::LanguageExtensions",
                 "Parameters": {"Prefixes": {"Type": "AWS::SSM::Parameter::Value<List<String>>", "Default": "/ecr/prefixes"}},
                 "Resources": {
                   "Fn::ForEach::Prefixes": ["Prefix", {"Ref": "Prefixes"}, {
                     "Template${Prefix}": {"Type": "AWS::ECR::RepositoryCreationTemplate",
                       "Properties": {"Prefix": {"Ref": "Prefix"}, "AppliedFor": ["PULL_THROUGH_CACHE"],
                                      "ImageTagMutability": "IMMUTABLE"}}}]}}
                """);
        LoadResult result = loadOk(template);

        assertThat(result.model.creationTemplates).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("Fn::ForEach::Prefixes");
            assertThat(describe(t.tagMutability())).isEqualTo("unknown");
            assertThat(t.tagMutability().why()).contains("SSM");
        });
    }

    @Test
    void malformedLoopsAndDuplicateIdsAreInputErrors() {
        Path malformed = write(dir, "malformed.yaml", """
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::Repos:
                    - Name
                    - "${Name}Repo":
                        Type: AWS::ECR::Repository
                """);
        Path duplicate = write(dir, "duplicate.yaml", """
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::Repos:
                    - Name
                    - [a, a]
                    - "${Name}Repo":
                        Type: AWS::ECR::Repository
                """);

        assertThat(load(malformed).errors).extracting(InputError::oneLine).singleElement().asString()
                .startsWith(malformed + ":3:").contains("malformed Fn::ForEach::Repos");
        assertThat(load(duplicate).errors).extracting(InputError::oneLine).singleElement().asString()
                .contains(duplicate.toString()).contains("aRepo more than once");
    }

    @Test
    void aHostileNestOfLoopsIsBounded() {
        String as = IntStream.range(0, 100).mapToObj(i -> "a" + i).collect(Collectors.joining(",", "[", "]"));
        String bs = as.replace("a", "b");
        Path hostile = write(dir, "hostile.yaml", """
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::A:
                    - A
                    - %s
                    - Fn::ForEach::B:
                        - B
                        - %s
                        - "R${A}${B}":
                            Type: AWS::ECR::Repository
                """.formatted(as, bs));

        assertThat(load(hostile).errors).extracting(InputError::oneLine).singleElement().asString()
                .contains(hostile.toString()).contains("more than 5000 entries");
    }

    private static String read(Path file) {
        return LoadSupport.read(file);
    }
}
