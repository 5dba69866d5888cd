package dev.ecrguard.load;

import dev.ecrguard.Loaders;
import static dev.ecrguard.load.LoadSupport.load;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ecrguard.load.terraform.TerraformPlanLoaderTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that cannot be read: each gives exactly one input error that names the file (and the line where known),
 * quickly, with no other exception. Well-formed files of another kind are skipped in a folder scan.
 */
class BadInputTest {
    private static final int DEEP = 100_000;
    private static final String REPO_TEMPLATE = """
            {
              "Resources": {
                "Repo": {"Type": "AWS::ECR::Repository", "Properties": {"ImageTagMutability": "IMMUTABLE"}}
              }
            }
            """;

    @TempDir
    Path dir;

    // ---- files that cannot be read ----

    @Test
    void missingFile() {
        assertOneError(dir.resolve("plan.json"), null).contains("no such file");
    }

    @Test
    void folderThatDoesNotExist() {
        assertOneError(dir.resolve("infra/cdk.out"), null).contains("no such file or folder");
    }

    @Test
    void emptyFile() {
        assertOneError(write(dir, "template.yaml", ""), null).contains("empty");
    }

    @Test
    void whitespaceOnlyFile() {
        assertOneError(write(dir, "plan.json", "  \n\t\r\n   \n"), null).contains("empty");
    }

    @Test
    void emptyStandardInput() {
        LoadResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Loaders.load(List.of("-"),
                Map.of(), new ByteArrayInputStream(new byte[0])));
        assertThat(result.errors).singleElement().satisfies(e -> assertThat(e.oneLine()).startsWith("-: "));
    }

    @Test
    void truncatedJson() {
        Path file = write(dir, "template.json", REPO_TEMPLATE.substring(0, REPO_TEMPLATE.indexOf("\"Properties\"")));
        assertOneError(file, 3).contains("not valid JSON");
    }

    @Test
    void truncatedYaml() {
        Path file = write(dir, "template.yaml", """
                Resources:
                  Repo:
                    Type: AWS::ECR::Repository
                    Properties: {ImageTagMutability: IMMUTABLE,
                """);
        assertOneError(file, 5).contains("not valid YAML");
    }

    @Test
    void binaryGarbage() {
        byte[] bytes = new byte[64 * 1024];
        new Random(42).nextBytes(bytes);
        bytes[0] = '{';
        bytes[100] = 0;
        assertOneError(write(dir, "plan.json", bytes), null).contains("binary");
    }

    @Test
    void jsonArraysNestedAHundredThousandLevels() {
        assertOneError(write(dir, "deep.json", "[".repeat(DEEP) + "]".repeat(DEEP)), 1);
    }

    @Test
    void jsonObjectsNestedAHundredThousandLevels() {
        assertOneError(write(dir, "deep.json", "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP)), 1);
    }

    @Test
    void jsonNestedDeepInsideAPlanResource() {
        String deep = "[".repeat(DEEP) + "]".repeat(DEEP);
        Path plan = write(dir, "plan.json", TerraformPlanLoaderTest.minimalPlan("1.2", """
                {"address": "aws_ecr_repository.x", "mode": "managed", "type": "aws_ecr_repository", "name": "x",
                 "change": {"actions": ["create"], "before": null, "after": {"tags": %s}}}""".formatted(deep)));
        assertOneError(plan, 6);
    }

    @Test
    void yamlFlowCollectionsNestedAHundredThousandLevels() {
        assertOneError(write(dir, "deep.yaml", "Resources: " + "[".repeat(DEEP) + "]".repeat(DEEP) + "\n"), 1);
        assertOneError(write(dir, "deep2.yaml", "Resources: " + "{a: ".repeat(DEEP) + "1" + "}".repeat(DEEP) + "\n"), 1);
    }

    @Test
    void yamlBlockSequencesNestedAHundredThousandLevels() {
        assertOneError(write(dir, "deep.yaml", "Resources:\n  " + "- ".repeat(DEEP) + "x\n"), 2);
    }

    @Test
    void yamlAliasBomb() {
        StringBuilder yaml = new StringBuilder("Resources: {}\nlol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            String previous = "*lol" + (i - 1);
            yaml.append("lol").append(i).append(": &lol").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(9, previous))).append("]\n");
        }
        assertOneError(write(dir, "bomb.yaml", yaml.toString()), 8).contains("alias");
    }

    @Test
    void duplicateKeysInJson() {
        Path file = write(dir, "plan.json", """
                {
                  "format_version": "1.2",
                  "terraform_version": "1.9.8",
                  "format_version": "1.1"
                }
                """);
        assertOneError(file, 4).contains("format_version");
    }

    @Test
    void duplicateKeysInYaml() {
        Path file = write(dir, "template.yaml", """
                Resources:
                  Repo:
                    Type: AWS::ECR::Repository
                  Repo:
                    Type: AWS::ECR::Repository
                    Properties:
                      ImageTagMutability: MUTABLE
                """);
        assertOneError(file, 4).contains("Repo");
    }

    @Test
    void planWithAnUnknownMajorFormatVersion() {
        Path plan = write(dir, "plan.json", TerraformPlanLoaderTest.minimalPlan("2.0",
                TerraformPlanLoaderTest.repositoryChange("aws_ecr_repository.x", "IMMUTABLE")));
        assertOneError(plan, null).contains("2.0");
    }

    @Test
    void trailingContentAfterTheJsonDocument() {
        assertOneError(write(dir, "template.json", REPO_TEMPLATE + "{\"Resources\": {}}\n"), 6).contains("after");
        assertOneError(write(dir, "garbage.json", REPO_TEMPLATE + "\n\nnot json\n"), 8);
    }

    // ---- well-formed, but not an input ecr-guard reads: an error when named, skipped in a scan ----

    @Test
    void wellFormedJsonOfAnotherKind() {
        Path file = write(dir, "scan/package.json", "{\"name\": \"registry\", \"version\": \"1.0.0\", \"private\": true}\n");
        assertOneError(file, null).contains("not a Terraform plan");
        assertSkippedInAScan(file);
    }

    @Test
    void jsonArrayAtTheTopLevel() {
        Path file = write(dir, "scan/list.json", "[{\"Type\": \"AWS::ECR::Repository\"}]\n");
        assertOneError(file, null);
        assertSkippedInAScan(file);
    }

    @Test
    void multiDocumentYaml() {
        Path file = write(dir, "scan/k8s.yaml", """
                apiVersion: v1
                kind: ConfigMap
                ---
                apiVersion: v1
                kind: Secret
                """);
        assertOneError(file, null).contains("more than one YAML document");
        assertSkippedInAScan(file);
    }

    @Test
    void aScanSkipsDocumentationAndLoadsTemplatesAndTerraformSource() {
        write(dir, "infra/README.md", """
                # Registry

                Deploy with: `terraform apply`.

                - step one: init
                - step two: plan

                ```json
                {"not": "a template"}
                ```
                """);
        write(dir, "infra/main.tf", """
                resource "aws_ecr_repository" "app" {
                  name                 = "app"
                  image_tag_mutability = "MUTABLE"
                }
                """);
        write(dir, "infra/template.json", REPO_TEMPLATE);

        LoadResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(dir.resolve("infra")));
        assertThat(result.errors).isEmpty();
        assertThat(result.skipped).extracting(Skipped::file).containsExactly(dir + "/infra/README.md");
        assertThat(repositoryIds(result)).containsExactlyInAnyOrder("Repo", "aws_ecr_repository.app");
    }

    @Test
    void aScanReportsATruncatedJsonFileAndStillLoadsTheOthers() {
        Path truncated = write(dir, "infra/broken.json", "{\n  \"Resources\": {\n");
        write(dir, "infra/template.json", REPO_TEMPLATE);

        LoadResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(dir.resolve("infra")));
        assertThat(result.errors).singleElement()
                .satisfies(e -> assertThat(e.oneLine()).startsWith(truncated + ":"));
        assertThat(repositoryIds(result)).containsExactly("Repo");
    }

    @Test
    void aScanReportsABrokenManifestOnce() {
        Path manifest = write(dir, "infra/manifest.json", "{\"version\": \"36.0.0\", \"artifacts\": {");

        LoadResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(dir.resolve("infra")));
        assertThat(result.errors).singleElement().satisfies(e -> assertThat(e.file()).isEqualTo(manifest.toString()));
    }

    @Test
    void aScanSkipsAManifestJsonThatIsNotAnAssemblyManifest() {
        Path manifest = write(dir, "web/manifest.json", "[{\"src\": \"icon.png\", \"sizes\": \"192x192\"}]");

        LoadResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(dir.resolve("web")));
        assertThat(result.errors).extracting(InputError::oneLine).containsExactly(noInputUnder(dir.resolve("web")));
        assertThat(result.skipped).extracting(Skipped::file).containsExactly(manifest.toString());
    }

    @Test
    void aHugeSingleLineJsonStringIsRead() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(52 * 1024 * 1024);
        out.writeBytes("{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Description\": \"".getBytes(StandardCharsets.UTF_8));
        byte[] chunk = "0123456789abcdef".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 50; i++) {
            out.writeBytes(chunk);
        }
        out.writeBytes(("\", " + REPO_TEMPLATE.strip().substring(1)).getBytes(StandardCharsets.UTF_8));
        Path file = write(dir, "huge.json", out.toByteArray());

        LoadResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> load(file));
        assertThat(result.errors).isEmpty();
        assertThat(repositoryIds(result)).containsExactly("Repo");
    }

    // ---- helpers ----

    /** Loads one path and requires exactly one error naming it; returns its one-line form for more checks. */
    private static AbstractStringAssert<?> assertOneError(Path file, Integer line) {
        LoadResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(file));
        assertThat(result.errors).as("errors of %s", file).hasSize(1);
        InputError error = result.errors.get(0);
        assertThat(error.file()).isEqualTo(file.toString());
        assertThat(error.line()).isEqualTo(line);
        assertThat(error.oneLine()).startsWith(file + (line == null ? "" : ":" + line) + ": ");
        assertThat(error.oneLine()).doesNotContain("\n").doesNotContain("Exception");
        assertThat(result.model.repositories).isEmpty();
        assertThat(result.loaded).isEmpty();
        return assertThat(error.oneLine());
    }

    /** In a scan the file is skipped, not an error of its own; a folder holding nothing else has no input at all. */
    private static void assertSkippedInAScan(Path file) {
        LoadResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(file.getParent()));
        assertThat(result.errors).extracting(InputError::oneLine).containsExactly(noInputUnder(file.getParent()));
        assertThat(result.skipped).extracting(Skipped::file).contains(file.toString());
    }

    private static String noInputUnder(Path folder) {
        return folder + ": no Terraform, CloudFormation, CDK or CDKTF input found under " + folder;
    }
}
