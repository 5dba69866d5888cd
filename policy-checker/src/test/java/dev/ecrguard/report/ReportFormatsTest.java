package dev.ecrguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ecrguard.cli.CliRun;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every report format, parsed back: SARIF against the OASIS schema, JUnit with an XML parser. */
class ReportFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLES = "../examples";
    private static final String PLAN = EXAMPLES + "/terraform/plan-registry.json";

    private static String run(String... args) {
        return CliRun.run(args).out();
    }

    @Test
    void sarifValidatesAgainstTheSchemaAndCarriesRulesLocationsAndFingerprints() throws Exception {
        JsonNode sarif = JSON.readTree(run("check", "--format", "sarif", PLAN));

        try (InputStream schemaText = getClass().getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schemaText);
            Set<ValidationMessage> problems = schema.validate(sarif);
            assertThat(problems).isEmpty();
        }
        JsonNode run = sarif.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("rules")).hasSize(9);
        JsonNode rule = run.path("tool").path("driver").path("rules").get(0);
        assertThat(rule.path("id").asText()).isEqualTo("ECR001");
        assertThat(rule.path("defaultConfiguration").path("level").asText()).isEqualTo("error");
        assertThat(rule.path("helpUri").asText()).endsWith("#ecr001");
        assertThat(rule.path("help").path("text").asText()).contains("IMMUTABLE");
        JsonNode results = run.path("results");
        assertThat(results).hasSize(11);
        JsonNode tools = null;
        for (JsonNode r : results) {
            if (r.path("ruleId").asText().equals("ECR005")) {
                tools = r;
            }
        }
        assertThat(tools).isNotNull();
        assertThat(tools.path("level").asText()).isEqualTo("error");
        JsonNode location = tools.path("locations").get(0);
        assertThat(location.path("physicalLocation").path("artifactLocation").path("uri").asText())
                .as("outside the working directory: an absolute file URI")
                .isEqualTo(Path.of(PLAN).toAbsolutePath().normalize().toUri().toString());
        assertThat(location.path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(1060);
        assertThat(location.path("logicalLocations").get(0).path("name").asText()).isEqualTo("aws_ecr_repository.tools");
        assertThat(tools.path("partialFingerprints").path(SarifReporter.FINGERPRINT).asText()).hasSize(64);
    }

    @Test
    void sarifLocatesFilesUnderTheWorkingDirectoryRelativeToIt() throws Exception {
        String template = "src/test/resources/cloudformation/intrinsics.yaml";
        JsonNode results = JSON.readTree(run("check", "--format", "sarif", template)).path("runs").get(0).path("results");
        assertThat(results).isNotEmpty();
        JsonNode artifact = results.get(0).path("locations").get(0).path("physicalLocation").path("artifactLocation");
        assertThat(artifact.path("uri").asText()).isEqualTo(template);
        assertThat(artifact.path("uriBaseId").asText()).isEqualTo("SRCROOT");
    }

    @Test
    void sarifFingerprintsDependOnRuleAndResourceNotOnLines(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("t.yaml");
        String body = "Resources:\n  Repo:\n    Type: AWS::ECR::Repository\n";
        Files.writeString(template, body);
        String before = fingerprints(template);
        Files.writeString(template, "Description: moved down\n\n\n" + body);
        assertThat(fingerprints(template)).isEqualTo(before).isNotEmpty();
    }

    private static String fingerprints(Path template) throws Exception {
        List<String> prints = new ArrayList<>();
        JSON.readTree(run("check", "--format", "sarif", template.toString())).path("runs").get(0).path("results")
                .forEach(r -> prints.add(r.path("partialFingerprints").path(SarifReporter.FINGERPRINT).asText()));
        return String.join(",", prints);
    }

    @Test
    void junitHasACasePerResourceAndAFailurePerFinding() throws Exception {
        String xml = run("check", "--format", "junit", EXAMPLES + "/cloudformation/registry.json");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        NodeList cases = doc.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            names.add(c.getAttribute("name") + (c.getElementsByTagName("failure").getLength() > 0 ? " FAILED" : ""));
        }
        assertThat(names).containsExactlyInAnyOrder("ImagesRepo", "ECR001 SandboxRepo FAILED", "ECR004 BuildsRepo FAILED");
    }

    @Test
    void githubWorkflowCommandsAnnotateFileAndLine() {
        List<String> lines = run("check", "--format", "github", EXAMPLES + "/cloudformation/registry.json").lines().toList();

        assertThat(lines).containsExactly(
                "::error file=../examples/cloudformation/registry.json,line=24,title=ECR001 SandboxRepo::"
                        + "ImageTagMutability is MUTABLE, so any tag can be overwritten; set ImageTagMutability to IMMUTABLE.",
                lines.get(1));
        assertThat(lines.get(1)).startsWith("::warning file=../examples/cloudformation/registry.json,line=32,"
                + "title=ECR004 BuildsRepo::");
    }

    @Test
    void githubEscapesWhatWouldEndTheCommand() {
        // A newline is written as a visible \n (SafeText), so the decoded annotation stays one line too.
        assertThat(GithubReporter.data("50% done\nnext")).isEqualTo("50%25 done\\nnext");
        assertThat(GithubReporter.property("a:b,c")).isEqualTo("a%3Ab%2Cc");
    }

    @Test
    void markdownSummarizesInATable() {
        String md = run("check", "--format", "markdown", EXAMPLES + "/cloudformation/registry.json");

        assertThat(md).startsWith("## ecr-guard: failed (findings at or above error)");
        assertThat(md).contains("| 1 | 1 | 0 | 0 | 0 | 1 | 0 |");
        assertThat(md).contains("| error | ECR001 | `SandboxRepo` | `../examples/cloudformation/registry.json:24` |");
    }

    @Test
    void severalFormatsInOneRun(@TempDir Path dir) throws Exception {
        Path sarif = dir.resolve("out.sarif");
        Path junit = dir.resolve("out.xml");
        String text = run("check", "--format", "text", "--format", "sarif=" + sarif, "--format", "junit=" + junit, PLAN);

        assertThat(text).contains("ECR005 aws_ecr_repository.tools");
        assertThat(JSON.readTree(sarif.toFile()).path("runs").get(0).path("results")).hasSize(11);
        assertThat(Files.readString(junit)).startsWith("<?xml");
    }

    @Test
    void everyFormatRunsOnTheWholeExamplesFolder() throws Exception {
        for (Format format : Format.values()) {
            String out = run("check", "--format", format.label(), EXAMPLES);
            assertThat(out).as(format.label()).isNotBlank();
            if (format == Format.JSON || format == Format.SARIF) {
                assertThat(JSON.readTree(out).isObject()).isTrue();
            }
        }
    }
}
