package dev.ecrguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile input of issue 9's "bounded time and memory" in one run of the command line, in its own JVM with a
 * 256 MB heap: each is an input error naming its file, the fine file's findings are still reported, exit 3.
 */
class BoundedHeapTest {
    private static final String REPO_YAML = "Resources:\n  R:\n    Type: AWS::ECR::Repository\n    Properties:\n";

    @TempDir
    Path dir;

    @Test
    void everyHostileInputIsAnInputErrorOnItsFileInA256MegabyteHeap() throws Exception {
        List<Path> hostile = new ArrayList<>();
        hostile.add(write("comment.yaml", "# " + "x".repeat(16 * 1024 * 1024) + "\n" + REPO_YAML));
        hostile.add(write("digits.yaml", REPO_YAML + "      RepositoryName: " + "1".repeat(2 * 1024 * 1024) + "\n"));
        hostile.add(write("alias-bomb.yaml", REPO_YAML + "      RepositoryName: &big "
                + String.join("\n        ", Collections.nCopies(1024, "x".repeat(1024)))
                + "\n      Tags:\n" + "        - *big\n".repeat(5000)));
        String empties = "[" + String.join(",", Collections.nCopies(200_000, "{}")) + "]";
        hostile.add(write("plan.json", """
                {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
                  {"address": "aws_ecs_task_definition.t", "mode": "managed", "type": "aws_ecs_task_definition",
                   "name": "t", "values": {"family": "f", "container_definitions": "%s"}}]}}}
                """.formatted(empties.replace("\"", "\\\""))));
        hostile.add(write("main.tf.json", "{\"resource\": {\"aws_ecr_repository\": {\"r\": " + empties + "}}}"));
        hostile.add(write("surrogate.json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::ECR::Repository\", "
                + "\"Properties\": {\"RepositoryName\": \"\\ud800\"}}}}"));
        hostile.add(write("cycle.json", "{\"Mappings\": {\"M\": {\"a\": {\"b\": {\"Fn::FindInMap\": [\"M\", \"a\", \"b\"]}}}}, "
                + "\"Resources\": {\"R\": {\"Type\": \"AWS::ECR::Repository\", "
                + "\"Properties\": {\"RepositoryName\": {\"Fn::FindInMap\": [\"M\", \"a\", \"b\"]}}}}}"));
        StringBuilder chain = new StringBuilder("{\"C0\": {\"Fn::Equals\": [\"a\", \"a\"]}");
        for (int i = 1; i < 20_000; i++) {
            chain.append(", \"C").append(i).append("\": {\"Condition\": \"C").append(i - 1).append("\"}");
        }
        hostile.add(write("chain.json", "{\"Conditions\": " + chain + "}, \"Resources\": {\"R\": "
                + "{\"Type\": \"AWS::ECR::Repository\", \"Condition\": \"C19999\"}}}"));
        Path fine = write("fine.json", "{\"Resources\": {\"Fine\": {\"Type\": \"AWS::ECR::Repository\", "
                + "\"Properties\": {\"ImageTagMutability\": \"MUTABLE\"}}}}");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "check", "--format", "json"));
        hostile.forEach(p -> command.add(p.toString()));
        command.add(fine.toString());
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile())
                .redirectOutput(dir.resolve("stdout").toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String stderr = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);

        assertThat(finished).as("finished in time").isTrue();
        assertThat(stderr).doesNotContain("out of memory").doesNotContain("Exception").doesNotContain("Error:");
        assertThat(process.exitValue()).as(stderr).isEqualTo(3);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("stdout").toFile());
        List<String> erred = report.path("errors").findValuesAsText("file");
        assertThat(erred).containsExactlyInAnyOrderElementsOf(hostile.stream().map(Path::toString).toList());
        assertThat(report.path("findings").findValuesAsText("file")).isNotEmpty().allMatch(f -> f.equals(fine.toString()));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
