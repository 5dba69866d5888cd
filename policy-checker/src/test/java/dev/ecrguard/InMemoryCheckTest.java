package dev.ecrguard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.load.InputError;
import dev.ecrguard.waivers.Result;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Checker#check(JsonNode, String)}: a document built in memory is judged as the same file would be. */
class InMemoryCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = """
            {"Resources": {
              "AppRepo": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": "app"}},
              "Pinned": {"Type": "AWS::ECR::Repository",
                         "Properties": {"RepositoryName": "pinned", "ImageTagMutability": "IMMUTABLE"},
                         "Metadata": {"ecr-guard": {"waivers": [{"rule": "ECR003", "reason": "scanned elsewhere"}]}}}}}
            """;

    @TempDir
    Path dir;

    /** What a finding says, less where: a tree has no lines. */
    private static List<String> verdicts(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + " " + f.severity().label() + " " + f.resource() + " "
                + f.resourceType() + ": " + f.message()).toList();
    }

    @Test
    void aTemplateTreeGetsTheFindingsAndWaiversOfTheSameFile() throws Exception {
        Path file = Files.writeString(dir.resolve("template.json"), TEMPLATE);
        Result fromFile = Checker.shared().check(List.of(file.toString()), Map.of(), InputStream.nullInputStream());
        Result fromTree = Checker.shared().check(JSON.readTree(TEMPLATE), "App/Stack");

        assertThat(fromTree.inputs().errors).isEmpty();
        assertThat(verdicts(fromTree.findings())).isNotEmpty().isEqualTo(verdicts(fromFile.findings()))
                .anyMatch(v -> v.startsWith("ECR001 error AppRepo "));
        assertThat(fromTree.findings()).allSatisfy(f -> {
            assertThat(f.file()).isEqualTo("App/Stack");
            assertThat(f.line()).isNull();
        });
        assertThat(fromTree.waived()).extracting(w -> w.finding().resource() + " " + w.reason())
                .containsExactly("Pinned scanned elsewhere");
        assertThat(fromTree.inputs().loaded).containsExactly("App/Stack");
    }

    @Test
    void aTerraformConfigurationTreeIsJudged() throws Exception {
        JsonNode config = JSON.readTree("""
                {"resource": {"aws_ecr_repository": {"app": {"name": "app", "image_tag_mutability": "MUTABLE"}}}}""");
        Result result = Checker.shared().check(config, "registry/cdk.tf.json");
        assertThat(result.inputs().errors).isEmpty();
        assertThat(result.findings()).extracting(f -> f.ruleId() + " " + f.resource())
                .contains("ECR001 aws_ecr_repository.app");
    }

    @Test
    void textNoEncoderCanWriteIsAnInputErrorAsInAFile() throws Exception {
        ObjectNode template = (ObjectNode) JSON.readTree(TEMPLATE);
        ((ObjectNode) template.path("Resources").path("AppRepo").path("Properties"))
                .put("RepositoryName", "app\uD800");
        Result result = Checker.shared().check(template, "App/Stack");
        assertThat(result.findings()).isEmpty();
        assertThat(result.inputs().errors).extracting(InputError::oneLine).singleElement().asString()
                .startsWith("App/Stack: ");
    }

    @Test
    void aTreeOfNoFamilyOrAManifestIsAnInputErrorNamingIt() throws Exception {
        for (String text : List.of("[1]", "{\"name\": \"app\"}", "{\"version\": \"36.0.0\", \"artifacts\": {}}")) {
            Result result = Checker.shared().check(JSON.readTree(text), "doc");
            assertThat(result.findings()).as(text).isEmpty();
            assertThat(result.inputs().errors).as(text).singleElement()
                    .satisfies(e -> assertThat(e.file()).isEqualTo("doc"));
        }
    }
}
