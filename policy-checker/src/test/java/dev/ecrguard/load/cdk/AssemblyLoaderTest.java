package dev.ecrguard.load.cdk;

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

import dev.ecrguard.load.LoadResult;
import dev.ecrguard.load.Skipped;
import dev.ecrguard.model.Repository;
import dev.ecrguard.model.Waiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssemblyLoaderTest {
    private static final Path APP = resource("cdk/app");
    private static final Path CDK_OUT = APP.resolve("cdk.out");
    private static final Path CDKTF = resource("cdktf");
    private static final Path CDKTF_OUT = CDKTF.resolve("cdktf.out");

    private static final List<String> ASSEMBLY_REPOSITORIES = List.of(
            "RegistryStack/AppRepo1234ABCD",
            "RegistryStackImages9C1D2E3F/BuildCache5DA3D9C2",
            "RegistryStackImages9C1D2E3F/Scratch7B1E0C44",
            "ProdRegistryB82DC0F6/AppRepo1234ABCD",
            "ProdRegistryImages4A5B6C7D/Legacy0F3C2A19");

    @TempDir
    Path dir;

    // ---- CDK cloud assembly ----

    @Test
    void withoutAssetMetadataANestedTemplateIsFoundThroughTheAssetManifest() throws Exception {
        Path copy = copyWithoutAssetMetadata(dir.resolve("with-manifest"));
        Files.writeString(copy.resolve("RegistryStack.assets.json"), """
                {"version": "36.0.0", "files": {"5f4e3d2c1b0a99887766554433221100ffeeddccbbaa99887766554433221100": {
                  "source": {"path": "RegistryStackImages9C1D2E3F.nested.template.json", "packaging": "file"},
                  "destinations": {}}}}
                """);

        assertThat(repositoryIds(loadOk(copy))).containsAll(ASSEMBLY_REPOSITORIES);
    }

    @Test
    void aNestedTemplateThatCannotBeFoundIsAnErrorNotASilentSkip() throws Exception {
        Path copy = copyWithoutAssetMetadata(dir.resolve("without-manifest"));

        LoadResult result = load(copy);
        assertThat(result.errors).singleElement().satisfies(e ->
                assertThat(e.oneLine()).contains("RegistryStack.template.json").contains("asset manifest"));
    }

    /** The fixture assembly as `app.synth()` writes it outside the CLI: nested stacks without aws:asset:path. */
    private static Path copyWithoutAssetMetadata(Path target) throws Exception {
        try (var files = Files.walk(CDK_OUT)) {
            for (Path source : files.toList()) {
                Path to = target.resolve(CDK_OUT.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(source, to);
                }
            }
        }
        Path template = target.resolve("RegistryStack.template.json");
        Files.writeString(template, Files.readString(template).replaceAll("\"aws:asset:path\": \"[^\"]*\",?", ""));
        return target;
    }

    @Test
    void cdkAcknowledgementsWaiveTheConstructAndWhatIsBelowIt() {
        LoadResult result = loadOk(CDK_OUT);

        assertThat(repo(result, "ProdRegistryB82DC0F6/AppRepo1234ABCD").waivers())
                .containsExactly(new Waiver("ECR001", "seeded by the legacy release job until it moves to digests"));
        assertThat(repo(result, "ProdRegistryImages4A5B6C7D/Legacy0F3C2A19").waivers())
                .as("acknowledged on the nested stack's construct, in the parent's metadata file; "
                        + "another tool's acknowledgement is not ours")
                .containsExactly(new Waiver("ECR002", "latest is the preview channel"));
        assertThat(repo(result, "RegistryStack/AppRepo1234ABCD").waivers()).as("another stack").isEmpty();
    }

    @Test
    void stacksStagesAndNestedStacksAreNamedByArtifactAndLogicalId() {
        LoadResult result = loadOk(CDK_OUT);

        assertThat(repositoryIds(result)).containsExactlyElementsOf(ASSEMBLY_REPOSITORIES);
        assertThat(workloadIds(result)).containsExactly("ProdRegistryB82DC0F6/ServiceTaskDef1922A00F");
        assertThat(result.loaded).containsExactly(
                CDK_OUT + "/RegistryStack.template.json",
                CDK_OUT + "/assembly-Prod/ProdRegistryB82DC0F6.template.json");
        assertThat(result.skipped).isEmpty();
    }

    @Test
    void theConstructPathComesFromTheCdkPathMetadata() {
        LoadResult result = loadOk(CDK_OUT);

        assertThat(result.model.repositories).extracting(r -> r.location().constructPath()).containsExactly(
                "RegistryStack/AppRepo",
                "RegistryStack/Images/BuildCache",
                "RegistryStack/Images/Scratch",
                "Prod/Registry/AppRepo",
                "Prod/Registry/Images/Legacy");
        Path template = CDK_OUT.resolve("assembly-Prod/ProdRegistryB82DC0F6.template.json");
        Repository prodApp = repo(result, "ProdRegistryB82DC0F6/AppRepo1234ABCD");
        assertThat(prodApp.location().file()).isEqualTo(template.toString());
        assertThat(prodApp.location().line()).isEqualTo(lineOf(template, "\"AppRepo1234ABCD\": {"));
        Path nested = CDK_OUT.resolve("assembly-Prod/ProdRegistryImages4A5B6C7D.nested.template.json");
        assertThat(repo(result, "ProdRegistryImages4A5B6C7D/Legacy0F3C2A19").location().file()).isEqualTo(nested.toString());
    }

    @Test
    void parametersPassedToANestedStackResolve() {
        LoadResult result = loadOk(CDK_OUT);

        Repository buildCache = repo(result, "RegistryStackImages9C1D2E3F/BuildCache5DA3D9C2");
        assertThat(describe(buildCache.tagMutability())).isEqualTo("known:MUTABLE");
        Repository scratch = repo(result, "RegistryStackImages9C1D2E3F/Scratch7B1E0C44");
        assertThat(describe(scratch.tagMutability())).isEqualTo("known:IMMUTABLE");
        assertThat(describe(scratch.scanOnPush())).isEqualTo("known:true");
        Repository legacy = repo(result, "ProdRegistryImages4A5B6C7D/Legacy0F3C2A19");
        assertThat(describe(legacy.tagMutability())).isEqualTo("known:IMMUTABLE_WITH_EXCLUSION");
        assertThat(describe(legacy.exclusionFilters())).isEqualTo("known:[\"latest\"]");
    }

    @Test
    void aCommandLineParameterOfTheParentReachesTheNestedStack() {
        LoadResult result = loadOk(Map.of("BuildCacheMode", "IMMUTABLE"), CDK_OUT);

        assertThat(describe(repo(result, "RegistryStackImages9C1D2E3F/BuildCache5DA3D9C2").tagMutability()))
                .isEqualTo("known:IMMUTABLE");
    }

    @Test
    void imagesOfAStageStackLinkToItsRepository() {
        LoadResult result = loadOk(CDK_OUT);

        var task = workload(result, "ProdRegistryB82DC0F6/ServiceTaskDef1922A00F");
        assertThat(task.location().constructPath()).isEqualTo("Prod/Registry/Service/TaskDef");
        assertThat(image(task, "sidecar").repository()).isEqualTo("ProdRegistryB82DC0F6/AppRepo1234ABCD");
        assertThat(image(task, "sidecar").tag()).isEqualTo("1.4.2");
        // CDK's own rendering: a registry host made with Fn::Split (known at deploy), then "/", Ref to the repository
        // (its name) and the tag
        assertThat(image(task, "web").repository()).isEqualTo("ProdRegistryB82DC0F6/AppRepo1234ABCD");
        assertThat(image(task, "web").repositoryName()).isNull();
        assertThat(image(task, "web").tag()).isEqualTo("1.4.2");
    }

    @Test
    void eachResourceOnceWhetherTheAssemblyItsParentOrBothAreNamed() {
        assertThat(repositoryIds(loadOk(APP))).containsExactlyElementsOf(ASSEMBLY_REPOSITORIES);
        assertThat(repositoryIds(loadOk(CDK_OUT.resolve("manifest.json")))).containsExactlyElementsOf(ASSEMBLY_REPOSITORIES);

        LoadResult both = loadOk(APP, CDK_OUT);
        assertThat(repositoryIds(both)).containsExactlyElementsOf(ASSEMBLY_REPOSITORIES);
        assertThat(workloadIds(both)).hasSize(1);
        LoadResult reversed = loadOk(CDK_OUT, APP);
        assertThat(repositoryIds(reversed)).containsExactlyElementsOf(ASSEMBLY_REPOSITORIES);
    }

    @Test
    void theParentScanSkipsTheCdkSettingsFile() {
        LoadResult result = loadOk(APP);

        assertThat(result.skipped).extracting(Skipped::file).containsExactly(APP + "/cdk.json");
    }

    @Test
    void aStageScannedOnItsOwnKeepsTheSameIds() {
        LoadResult result = loadOk(CDK_OUT.resolve("assembly-Prod"));

        assertThat(repositoryIds(result)).containsExactly("ProdRegistryB82DC0F6/AppRepo1234ABCD",
                "ProdRegistryImages4A5B6C7D/Legacy0F3C2A19");
    }

    @Test
    void aTemplateFileOutsideTheAssemblyIsAnInputError() {
        write(dir, "outside.json", "{\"Resources\": {}}");
        Path manifest = writeManifest(dir.resolve("cdk.out"), "{\"Stack\": " + stack("../outside.json") + "}");

        assertSingleError(load(dir.resolve("cdk.out")), manifest, "../outside.json");
    }

    @Test
    void aStageFolderOutsideTheAssemblyIsAnInputError() {
        writeManifest(dir.resolve("elsewhere"), "{}");
        Path manifest = writeManifest(dir.resolve("cdk.out"),
                "{\"assembly-Prod\": {\"type\": \"cdk:cloud-assembly\", \"properties\": {\"directoryName\": \"../elsewhere\"}}}");

        assertSingleError(load(dir.resolve("cdk.out")), manifest, "../elsewhere");
    }

    @Test
    void aMissingStackTemplateIsAnInputError() {
        Path manifest = writeManifest(dir.resolve("cdk.out"), "{\"Stack\": " + stack("Stack.template.json") + "}");

        assertSingleError(load(dir.resolve("cdk.out")), manifest, "Stack.template.json");
    }

    @Test
    void aNestedTemplateOutsideTheAssemblyIsAnInputErrorNamingTheTemplateAndLine() {
        write(dir, "x.json", "{\"Resources\": {}}");
        Path template = write(dir, "cdk.out/assembly-Prod/Stack.template.json", parentTemplate("../../x.json"));
        writeManifest(dir.resolve("cdk.out/assembly-Prod"), "{\"Stack\": " + stack("Stack.template.json") + "}");
        writeManifest(dir.resolve("cdk.out"), "{\"assembly-Prod\": {\"type\": \"cdk:cloud-assembly\", "
                + "\"properties\": {\"directoryName\": \"assembly-Prod\"}}}");

        LoadResult result = load(dir.resolve("cdk.out"));
        assertSingleError(result, template, "../../x.json");
        assertThat(result.errors.get(0).line()).isEqualTo(lineOf(template, "\"Nested\": {"));
    }

    @Test
    void aMissingNestedTemplateInAnAssemblyIsAnInputError() {
        Path template = write(dir, "cdk.out/Stack.template.json", parentTemplate("StackNested1A2B3C4D.nested.template.json"));
        writeManifest(dir.resolve("cdk.out"), "{\"Stack\": " + stack("Stack.template.json") + "}");

        assertSingleError(load(dir.resolve("cdk.out")), template, "StackNested1A2B3C4D.nested.template.json");
    }

    @Test
    void besideALoneTemplateAMissingOrOutsideNestedTemplateIsLeftAlone() {
        write(dir, "x.json", "{\"Resources\": {\"Outside\": {\"Type\": \"AWS::ECR::Repository\"}}}");
        Path missing = write(dir, "templates/missing.json", parentTemplate("nested.json"));
        Path outside = write(dir, "templates/outside.json", parentTemplate("../x.json"));

        LoadResult result = loadOk(missing, outside);
        assertThat(repositoryIds(result)).containsExactly("Parent", "Parent");
    }

    // ---- CDKTF output ----

    @Test
    void cdktfStacksAreNamedByStackAndAddress() {
        LoadResult result = loadOk(CDKTF_OUT);

        assertThat(repositoryIds(result)).containsExactly("registry/aws_ecr_repository.app",
                "registry/aws_ecr_repository.scratch", "registry/aws_ecr_repository.images_cache_5A8F2B1C");
        assertThat(repo(result, "registry/aws_ecr_repository.app").location().constructPath()).isEqualTo("registry/app");
        assertThat(repo(result, "registry/aws_ecr_repository.app").location().file())
                .isEqualTo(CDKTF_OUT + "/stacks/registry/cdk.tf.json");
        assertThat(image(workload(result, "registry/aws_lambda_function.api"), "image_uri").repository())
                .isEqualTo("registry/aws_ecr_repository.app");
        assertThat(result.loaded).containsExactly(CDKTF_OUT + "/stacks/registry/cdk.tf.json");
    }

    @Test
    void cdktfOutputOnceFromItsParentToo() {
        LoadResult result = loadOk(CDKTF, CDKTF_OUT);

        assertThat(repositoryIds(result)).containsExactly("registry/aws_ecr_repository.app",
                "registry/aws_ecr_repository.scratch", "registry/aws_ecr_repository.images_cache_5A8F2B1C");
        assertThat(result.skipped).extracting(Skipped::file).containsExactly(CDKTF + "/cdktf.json");
    }

    @Test
    void aCdktfStackPathOutsideTheOutputIsAnInputError() {
        write(dir, "main.tf.json", "{\"resource\": {}}");
        Path manifest = write(dir, "cdktf.out/manifest.json", """
                {"version": "0.19.2", "stacks": {"registry": {"name": "registry",
                  "synthesizedStackPath": "../main.tf.json", "workingDirectory": "stacks/registry"}}}
                """);

        assertSingleError(load(dir.resolve("cdktf.out")), manifest, "../main.tf.json");
    }

    // ---- helpers ----

    private static void assertSingleError(LoadResult result, Path file, String mentioned) {
        assertThat(result.errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(file.toString());
            assertThat(e.oneLine()).startsWith(file.toString()).contains(mentioned);
        });
    }

    private static Path writeManifest(Path folder, String artifacts) {
        return write(folder, "manifest.json", "{\"version\": \"36.0.0\", \"artifacts\": " + artifacts + "}");
    }

    private static String stack(String templateFile) {
        return "{\"type\": \"aws:cloudformation:stack\", \"environment\": \"aws://unknown-account/unknown-region\", "
                + "\"properties\": {\"templateFile\": \"" + templateFile + "\"}}";
    }

    private static String parentTemplate(String nestedAssetPath) {
        return """
                {
                  "Resources": {
                    "Parent": {
                      "Type": "AWS::ECR::Repository",
                      "Properties": {"ImageTagMutability": "IMMUTABLE"}
                    },
                    "Nested": {
                      "Type": "AWS::CloudFormation::Stack",
                      "Properties": {"TemplateURL": "https://s3.eu-west-1.amazonaws.com/cdk-assets/nested.json"},
                      "Metadata": {"aws:asset:path": "%s", "aws:asset:property": "TemplateURL"}
                    }
                  }
                }
                """.formatted(nestedAssetPath);
    }
}
