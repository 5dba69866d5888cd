package dev.ecrguard.load.cdk;

import static dev.ecrguard.load.HostileInputs.assertOnlyError;
import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.image;
import static dev.ecrguard.load.LoadSupport.load;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.workload;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.load.HostileInputs;
import dev.ecrguard.load.LoadSupport;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloud assembly or CDKTF output never makes ecr-guard read a file outside it, by name or through a symbolic link,
 * and a path the file system cannot hold is an input error on the manifest.
 */
class AssemblySymlinkTest {
    private static final String REPO_YAML = "Resources:\n  R:\n    Type: AWS::ECR::Repository\n    Properties:\n";
    private static final String FINE = HostileInputs.FINE;

    @TempDir
    Path dir;

    // ---- symbolic links out of an assembly, NUL in a path ----

    @Test
    void aStackTemplateThatIsASymbolicLinkOutOfTheAssemblyIsNotRead() throws IOException {
        Path secret = write(dir, "secret.json", "{\"Resources\": {\"Outside\": {\"Type\": \"AWS::ECR::Repository\"}}}");
        Files.createDirectories(dir.resolve("cdk.out"));
        Files.createSymbolicLink(dir.resolve("cdk.out/Stack.template.json"), secret);
        Path manifest = writeCdkManifest(dir.resolve("cdk.out"), "{\"Stack\": " + cdkStack("Stack.template.json") + "}");

        LoadResult result = load(dir.resolve("cdk.out"));
        assertThat(result.model.repositories).isEmpty();
        assertSingleError(result, manifest).contains("symbolic link that leads outside the folder");
    }

    @Test
    void aSymbolicLinkOutOfTheAssemblyNeverEchoesTheFilesContent() throws IOException {
        Path secret = write(dir, "credentials", "{aws_secret_access_key = wJalrXUtnFEMI}\n");
        Files.createDirectories(dir.resolve("cdk.out"));
        Files.createSymbolicLink(dir.resolve("cdk.out/Stack.template.json"), secret);
        writeCdkManifest(dir.resolve("cdk.out"), "{\"Stack\": " + cdkStack("Stack.template.json") + "}");

        LoadResult result = load(dir.resolve("cdk.out"));
        assertThat(result.errors).singleElement().satisfies(e -> assertThat(e.oneLine())
                .doesNotContain("aws_secret").doesNotContain("wJalr"));
    }

    @Test
    void aSymbolicLinkThatStaysInsideTheAssemblyIsRead() throws IOException {
        write(dir, "cdk.out/templates/Stack.json", FINE);
        Files.createSymbolicLink(dir.resolve("cdk.out/Stack.template.json"), Path.of("templates/Stack.json"));
        writeCdkManifest(dir.resolve("cdk.out"), "{\"Stack\": " + cdkStack("Stack.template.json") + "}");

        assertThat(repositoryIds(LoadSupport.loadOk(dir.resolve("cdk.out")))).containsExactly("Stack/Fine");
    }

    @Test
    void aNestedTemplateThatIsASymbolicLinkOutOfTheAssemblyIsAnInputError() throws IOException {
        Path outside = write(dir, "outside.json", "{\"Resources\": {\"Outside\": {\"Type\": \"AWS::ECR::Repository\"}}}");
        Path template = write(dir, "cdk.out/Stack.template.json", """
                {"Resources": {"Nested": {"Type": "AWS::CloudFormation::Stack",
                  "Properties": {"TemplateURL": "https://s3.amazonaws.com/b/nested.json"},
                  "Metadata": {"aws:asset:path": "Nested.nested.template.json"}}}}
                """);
        Files.createSymbolicLink(dir.resolve("cdk.out/Nested.nested.template.json"), outside);
        writeCdkManifest(dir.resolve("cdk.out"), "{\"Stack\": " + cdkStack("Stack.template.json") + "}");

        LoadResult result = load(dir.resolve("cdk.out"));
        assertThat(result.model.repositories).isEmpty();
        assertSingleError(result, template).contains("symbolic link that leads outside the folder");
    }

    @Test
    void aCdktfStackFileThatIsASymbolicLinkOutOfTheOutputIsNotRead() throws IOException {
        Path outside = write(dir, "outside.tf.json", "{\"resource\": {\"aws_ecr_repository\": {\"x\": {}}}}");
        Files.createDirectories(dir.resolve("cdktf.out/stacks/app"));
        Files.createSymbolicLink(dir.resolve("cdktf.out/stacks/app/cdk.tf.json"), outside);
        Path manifest = write(dir, "cdktf.out/manifest.json", "{\"version\": \"0.19.2\", \"stacks\": {\"app\": "
                + "{\"name\": \"app\", \"synthesizedStackPath\": \"stacks/app/cdk.tf.json\"}}}");

        LoadResult result = load(dir.resolve("cdktf.out"));
        assertThat(result.model.repositories).isEmpty();
        assertSingleError(result, manifest).contains("symbolic link");
    }

    @Test
    void aNulInAManifestPathIsAnInputErrorOnTheManifest() {
        Path manifest = writeCdkManifest(dir.resolve("cdk.out"), "{\"Stack\": " + cdkStack("Stack\\u0000.json") + "}");
        Path other = write(dir, "other.json", FINE);

        LoadResult result = load(dir.resolve("cdk.out"), other);
        assertSingleError(result, manifest).contains("names a path that cannot exist");
        assertThat(repositoryIds(result)).containsExactly("Fine");
    }

    private static AbstractStringAssert<?> assertSingleError(LoadResult result, Path file) {
        assertThat(result.errors).hasSize(1);
        assertThat(result.errors.get(0).file()).isEqualTo(file.toString());
        return assertThat(result.errors.get(0).oneLine());
    }

    private static Path writeCdkManifest(Path folder, String artifacts) {
        return write(folder, "manifest.json", "{\"version\": \"36.0.0\", \"artifacts\": " + artifacts + "}");
    }

    private static String cdkStack(String templateFile) {
        return "{\"type\": \"aws:cloudformation:stack\", \"properties\": {\"templateFile\": \"" + templateFile + "\"}}";
    }
}
