package dev.ecrguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.ecrguard.cli.CliRun;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SARIF artifact URIs name exactly the file that was read, whatever characters its name holds. */
class SarifUriTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("a\\b.json", "with space.json", "100%.json", "hash#1.json",
            "what?.json", "caf\u00e9-\u65e5\u672c.json", "c:olon.json", "semi;colon,comma&amp=1.json", "%2e%2e.json");

    @Test
    void relativeFilesStayRelativeAndResolveBackToTheSameFile() {
        Path cwd = Path.of("").toAbsolutePath();
        URI base = cwd.toUri();
        for (String name : NAMES) {
            String file = "sub dir/" + name;
            ObjectNode node = JSON.createObjectNode();
            SarifReporter.artifactLocation(node, file);
            String uri = node.path("uri").asText();
            assertThat(node.path("uriBaseId").asText()).isEqualTo("SRCROOT");
            assertThat(URI.create(uri).isAbsolute()).as(uri).isFalse();
            assertThat(uri).as("a backslash is part of the name, not a separator").doesNotContain("\\")
                    .startsWith("sub%20dir/");
            assertThat(Path.of(base.resolve(URI.create(uri)))).as(uri).isEqualTo(cwd.resolve(file));
        }
        ObjectNode node = JSON.createObjectNode();
        SarifReporter.artifactLocation(node, "a\\b.json");
        assertThat(node.path("uri").asText()).isEqualTo("a%5Cb.json");
    }

    @Test
    void filesOutsideTheWorkingDirectoryAreAbsoluteFileUris(@TempDir Path dir) {
        for (String name : NAMES) {
            Path file = dir.resolve("x y").resolve(name);
            ObjectNode node = JSON.createObjectNode();
            SarifReporter.artifactLocation(node, file.toString());
            URI uri = URI.create(node.path("uri").asText());
            assertThat(node.has("uriBaseId")).isFalse();
            assertThat(uri.getScheme()).isEqualTo("file");
            assertThat(uri.getRawQuery()).isNull();
            assertThat(uri.getRawFragment()).isNull();
            assertThat(Path.of(uri)).isEqualTo(file);
        }
    }

    @Test
    void aReportOnHostileFileNamesValidatesAndPointsAtEachFile(@TempDir Path dir) throws Exception {
        List<String> files = new ArrayList<>();
        for (String name : NAMES) {
            Path file = dir.resolve(name.replace(".json", ".tf.json"));
            Files.writeString(file, JunitSafetyTest.repository("MUTABLE"));
            files.add(file.toString());
        }
        List<String> args = new ArrayList<>(List.of("check", "--format", "sarif"));
        args.addAll(files);
        CliRun r = CliRun.run(args);
        assertThat(r.err()).isEmpty();
        JsonNode sarif = JSON.readTree(r.out());
        try (InputStream schemaText = getClass().getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schemaText);
            assertThat(schema.validate(sarif)).isEmpty();
        }
        List<Path> located = new ArrayList<>();
        for (JsonNode result : sarif.path("runs").get(0).path("results")) {
            URI uri = URI.create(result.path("locations").get(0).path("physicalLocation").path("artifactLocation")
                    .path("uri").asText());
            located.add(Path.of(uri));
        }
        assertThat(located).containsAll(files.stream().map(Path::of).toList());
    }
}
