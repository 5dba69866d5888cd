package dev.ecrguard.load;

import static dev.ecrguard.load.HostileInputs.assertOnlyError;
import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.image;
import static dev.ecrguard.load.LoadSupport.load;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.workload;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs that cost time or memory (issue 9, "bounded time and memory"), and text no encoder can write: each
 * ends as one input error on its own file, quickly, and the other files are still read. The reproducers are
 * generated here; the same run in a 256 MB heap is {@code cli.BoundedHeapTest}.
 */
class BoundedInputTest {
    private static final String REPO_YAML = "Resources:\n  R:\n    Type: AWS::ECR::Repository\n    Properties:\n";
    private static final String FINE = HostileInputs.FINE;

    @TempDir
    Path dir;

    // ---- YAML: quadratic scanning, number parsing, alias expansion, size ----

    @Test
    void aSixteenMegabyteCommentLineIsRefusedQuickly() {
        Path file = write(dir, "comment.yaml", "# " + "x".repeat(16 * 1024 * 1024) + "\n" + REPO_YAML);
        assertOnlyError(dir, file, 1).contains("a line longer than " + YamlReader.MAX_LINE + " characters");
    }

    @Test
    void twoMegabytesOfDigitsInAPlainScalarAreRefusedQuickly() {
        Path file = write(dir, "digits.yaml", REPO_YAML + "      RepositoryName: " + "1".repeat(2 * 1024 * 1024) + "\n");
        assertOnlyError(dir, file, 5).contains("a line longer than");
    }

    @Test
    void aNumberLongerThanJacksonAcceptsIsRefusedWithoutParsingIt() {
        // under the line limit, so the number itself is what is refused (BigInteger parsing is quadratic)
        Path file = write(dir, "digits.yaml", REPO_YAML + "      RepositoryName: " + "1".repeat(200_000) + "\n");
        assertOnlyError(dir, file, 5).contains("a number longer than " + YamlReader.MAX_NUMBER_LENGTH + " characters");
    }

    @Test
    void aNumberOfAThousandDigitsIsStillRead() {
        Path file = write(dir, "digits.yaml", REPO_YAML + "      RepositoryName: " + "1".repeat(1000) + "\n");
        LoadResult result = LoadSupport.loadOk(file);
        assertThat(describe(LoadSupport.repo(result, "R").name())).isEqualTo("known:" + "1".repeat(1000));
    }

    @Test
    void fiveThousandAliasesOfAnEightMegabyteScalarAreRefused() {
        Path file = write(dir, "bomb.yaml", REPO_YAML + "      RepositoryName: &big " + "x".repeat(8 * 1024 * 1024)
                + "\n      Tags:\n" + "        - *big\n".repeat(5000));
        assertOnlyError(dir, file, 5);
    }

    @Test
    void aliasesAreCountedInCharactersNotOnlyInNodes() {
        // one megabyte over short lines (within every other limit), 5,000 aliases: 5 GB once expanded
        String big = String.join("\n        ", Collections.nCopies(1024, "x".repeat(1024)));
        Path file = write(dir, "bomb.yaml", REPO_YAML + "      RepositoryName: &big \"" + big + "\"\n      Tags:\n"
                + "        - *big\n".repeat(5000));
        assertOnlyError(dir, file, null).contains("expands to more than").contains("aliases");
    }

    @Test
    void aYamlDocumentLargerThanTheLimitIsRefused() {
        String line = "# " + "x".repeat(1000) + "\n";
        Path file = write(dir, "large.yaml", REPO_YAML + line.repeat(YamlReader.MAX_CHARACTERS / line.length() + 1));
        assertOnlyError(dir, file, null).contains("larger than " + YamlReader.MAX_CHARACTERS + " characters");
    }

    // ---- JSON: a few bytes per entry must not become a model larger than the heap ----

    @Test
    void aPlanWithTwoHundredThousandContainerDefinitionsIsRefused() {
        String definitions = "[" + String.join(",", Collections.nCopies(200_000, "{}")) + "]";
        Path plan = write(dir, "plan.json", """
                {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
                  {"address": "aws_ecs_task_definition.t", "mode": "managed", "type": "aws_ecs_task_definition",
                   "name": "t", "values": {"family": "f", "container_definitions": "%s"}}]}}}
                """.formatted(definitions.replace("\"", "\\\"")));
        assertOnlyError(dir, plan, null).contains("more repositories, workloads and container images than one check");
    }

    @Test
    void aTerraformJsonConfigurationWithATwoHundredThousandBlockListIsRefused() {
        String blocks = "[" + String.join(",", Collections.nCopies(200_000, "{}")) + "]";
        Path config = write(dir, "main.tf.json", "{\"resource\": {\"aws_ecr_repository\": {\"r\": " + blocks + "}}}");
        assertOnlyError(dir, config, null).contains("10000 repositories").contains("smaller runs");
    }

    @Test
    void aModelWithinTheLimitIsRead() {
        int most = Model.MAX_WEIGHT / Model.REPOSITORY_WEIGHT;
        String blocks = "[" + String.join(",", Collections.nCopies(most, "{}")) + "]";
        Path config = write(dir, "main.tf.json", "{\"resource\": {\"aws_ecr_repository\": {\"r\": " + blocks + "}}}");
        assertThat(LoadSupport.loadOk(config).model.repositories).hasSize(most);
    }

    // ---- unpaired UTF-16 surrogates ----

    @Test
    void anUnpairedSurrogateInAJsonStringIsAnInputErrorOnItsFile() {
        Path file = write(dir, "template.json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::ECR::Repository\",\n"
                + "  \"Properties\": {\"RepositoryName\": \"app\\ud800\"}}}}");
        assertOnlyError(dir, file, 2).contains("unpaired UTF-16 surrogate");
    }

    @Test
    void anUnpairedSurrogateInAJsonKeyOrALowSurrogateAloneIsAnInputError() {
        assertOnlyError(dir, write(dir, "key.json", "{\"Resources\": {\"\\ud800\": {}}}"), 1).contains("surrogate");
        assertOnlyError(dir, write(dir, "low.json", "{\"Resources\": {\"R\": \"\\udc00x\"}}"), 1).contains("surrogate");
    }

    @Test
    void anUnpairedSurrogateInAPlanResourceIsAnInputError() {
        Path plan = write(dir, "plan.json", """
                {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
                  {"address": "aws_ecr_repository.r", "mode": "managed", "type": "aws_ecr_repository",
                   "name": "r", "values": {"name": "a\\ud83d", "image_tag_mutability": "IMMUTABLE"}}]}}}
                """);
        assertOnlyError(dir, plan, 3).contains("surrogate");
    }

    @Test
    void aSurrogatePairIsText() {
        Path file = write(dir, "template.json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::ECR::Repository\","
                + " \"Properties\": {\"RepositoryName\": \"app\\ud83d\\ude00\"}}}}");
        assertThat(describe(LoadSupport.repo(LoadSupport.loadOk(file), "R").name())).isEqualTo("known:app\uD83D\uDE00");
    }

    @Test
    void anUnpairedSurrogateInAYamlStringIsAnInputError() {
        Path file = write(dir, "template.yaml", REPO_YAML + "      RepositoryName: \"app\\ud800\"\n");
        assertOnlyError(dir, file, 5).contains("surrogate");
    }

    @Test
    void anUnpairedSurrogateInEmbeddedContainerDefinitionsLeavesTheImageUnknown() {
        Path plan = write(dir, "plan.json", """
                {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
                  {"address": "aws_ecs_task_definition.t", "mode": "managed", "type": "aws_ecs_task_definition",
                   "name": "t", "values": {"family": "f",
                     "container_definitions": "[{\\"name\\": \\"app\\", \\"image\\": \\"nginx\\\\ud800:1\\"}]"}}]}}}
                """);
        LoadResult result = LoadSupport.loadOk(plan);
        assertThat(describe(image(workload(result, "aws_ecs_task_definition.t"), "*").ref()))
                .isEqualTo("unknown").doesNotContain("\ud800");
    }

    // ---- messages quote none of the file ----

    @Test
    void aJsonParseErrorDoesNotEchoTheFilesContent() {
        Path file = write(dir, "token.json", "{\"Resources\": ghp_s3cr3tT0k3nV4lu3}\n");
        assertOnlyError(dir, file, 1).contains("not valid JSON").doesNotContain("ghp_").doesNotContain("s3cr3t");
    }

    @Test
    void aYamlParseErrorDoesNotEchoTheFilesContent() {
        Path file = write(dir, "token.yaml", "Resources: {a: b\npassword: \"hunter2\": x\n");
        assertOnlyError(dir, file, 2).contains("not valid YAML").doesNotContain("hunter2");
    }

    @Test
    void aParseMessageKeepsASingleCharacterEscaped() {
        assertThat(ParseMessages.withoutContent("Unexpected character ('\u001b' (code 27)): expected a value"))
                .isEqualTo("Unexpected character '\\u001b'");
        assertThat(ParseMessages.withoutContent("Unrecognized token 'AKIAABCDEFGH': was expecting"))
                .isEqualTo("Unrecognized token (the text is not shown)");
        assertThat(ParseMessages.withoutContent("mapping values are not allowed here\n in line 2"))
                .isEqualTo("mapping values are not allowed here");
        assertThat(ParseMessages.withoutContent("Duplicate field 'Repo\u001b[31m'")).isEqualTo("Duplicate field 'Repo\\u001b[31m'");
        assertThat(ParseMessages.key("k".repeat(100))).isEqualTo("'" + "k".repeat(ParseMessages.KEY) + "...'");
    }
}
