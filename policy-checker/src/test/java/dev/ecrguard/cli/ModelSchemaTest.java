package dev.ecrguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model's JSON Schema (rego/schemas/model.json), which rego/build.sh type-checks the rules against, describes the
 * model the loaders really make: the model of every example and test input validates against it, so the schema
 * cannot drift from the Java model, and a field it lacks is refused.
 */
class ModelSchemaTest {
    private static final Path SCHEMA = Path.of("..", "rego", "schemas", "model.json");
    private static final JsonMapper JSON = new JsonMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void readSchema() throws Exception {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../examples/terraform", "../examples/cloudformation", "src/test/resources/cdk",
            "src/test/resources/cdktf", "src/test/resources/cloudformation", "src/test/resources/foreach",
            "src/test/resources/sam", "src/test/resources/terraform"})
    void theModelOfEveryInputValidates(String inputs) throws Exception {
        CliRun run = CliRun.run("model", inputs);
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode model = run.json();
        assertThat(model.path("repositories")).isNotEmpty();
        assertThat(schema.validate(model)).isEmpty();
    }

    @Test
    void theRulesGoldenModelValidates() throws Exception {
        assertThat(schema.validate(JSON.readTree(Path.of("..", "rego", "testdata", "model-example.json").toFile())))
                .isEmpty();
    }

    @Test
    void aMisspelledFieldIsRefused() throws Exception {
        ObjectNode model = (ObjectNode) CliRun.run("model", "../examples/terraform/plan-registry.json").json();
        ObjectNode repository = (ObjectNode) model.path("repositories").get(0);
        repository.set("tagMutabilty", repository.remove("tagMutability"));

        Set<ValidationMessage> problems = schema.validate(model);
        assertThat(problems).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("tagMutabilty"));
    }
}
