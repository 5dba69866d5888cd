package dev.ecrguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TESTDATA = Path.of("../rego/testdata");
    private static final Map<String, Integer> EMPTY = PolicyEngine.sizes(JSON.createObjectNode());
    private static PolicyEngine engine;

    @BeforeAll
    static void load() {
        engine = PolicyEngine.load(RuleCatalog.load());
    }

    @Test
    void theWasmBundleGivesTheFindingsOpaGivesOnTheSameModel() throws Exception {
        String model = Files.readString(TESTDATA.resolve("model-example.json"));
        JsonNode golden = JSON.readTree(TESTDATA.resolve("model-example.report.json").toFile());

        List<Finding> findings = engine.evaluateJson(model);

        List<String> expected = new ArrayList<>();
        golden.path("findings").forEach(f -> expected.add(f.path("ruleId").asText() + " " + f.path("resource").asText()
                + " " + f.path("msg").asText()));
        assertThat(findings).extracting(f -> f.ruleId() + " " + f.resource() + " " + f.message())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(findings).extracting(Finding::ruleId)
                .contains("ECR001", "ECR002", "ECR003", "ECR004", "ECR005", "ECR006", "ECR007", "ECR008", "ECR009");
    }

    @Test
    void theCatalogListsEveryRuleWithItsMetadata() {
        assertThat(engine.catalog().rules()).extracting(Rule::id)
                .containsExactly("ECR001", "ECR002", "ECR003", "ECR004", "ECR005", "ECR006", "ECR007", "ECR008", "ECR009");
        assertThat(engine.catalog().rules()).allSatisfy(rule -> {
            assertThat(rule.title()).isNotBlank();
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.recommendedActions()).isNotBlank();
            assertThat(rule.severity()).isIn(Severity.ERROR, Severity.WARNING, Severity.NOTE);
        });
    }

    @Test
    void namesInAnyScriptReachTheRulesIntact() throws Exception {
        ObjectNode model = (ObjectNode) JSON.readTree(Files.readString(TESTDATA.resolve("model-example.json")));
        ObjectNode repo = (ObjectNode) model.withArray("repositories").get(0);
        repo.put("id", "aws_ecr_repository.données[\"日本\"]");
        String escaped = JSON.copy().enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII
                .mappedFeature()).writeValueAsString(model);

        List<Finding> findings = engine.evaluateJson(escaped);

        assertThat(findings).extracting(Finding::resource).contains("aws_ecr_repository.données[\"日本\"]");
    }

    @Test
    void anEmptyModelHasNoFindingsButEveryRuleRan() {
        assertThat(engine.evaluateJson("{\"modelVersion\":1,\"repositories\":[],\"creationTemplates\":[],"
                + "\"registryScanning\":[],\"workloads\":[]}")).isEmpty();
    }

    @Test
    void inputTheSdkCannotParseIsAnErrorNotAnEmptyResult() {
        assertThatThrownBy(() -> engine.evaluateJson("{\"repositories\": [")).isInstanceOf(EngineError.class);
    }

    @Test
    void anAnswerThatDidNotSeeTheModelIsAnError() throws Exception {
        JsonNode sent = JSON.readTree("{\"repositories\":[{}],\"creationTemplates\":[],\"registryScanning\":[],"
                + "\"workloads\":[]}");
        String answerOfAnEmptyInput = "[{\"result\":{\"findings\":[],\"rules\":[\"ECR001\"],\"received\":"
                + "{\"repositories\":0,\"creationTemplates\":0,\"registryScanning\":0,\"workloads\":0}}}]";
        assertThatThrownBy(() -> engine.parseAnswer(answerOfAnEmptyInput, PolicyEngine.sizes(sent))).isInstanceOf(EngineError.class)
                .hasMessageContaining("did not read the model");
    }

    @Test
    void anAnswerOfAnUnexpectedShapeIsAnError() {
        assertThatThrownBy(() -> engine.parseAnswer("[]", EMPTY)).isInstanceOf(EngineError.class)
                .hasMessageContaining("expected 1");
        assertThatThrownBy(() -> engine.parseAnswer("[{}]", EMPTY)).isInstanceOf(EngineError.class)
                .hasMessageContaining("no findings/rules");
        assertThatThrownBy(() -> engine.parseAnswer("not json", EMPTY)).isInstanceOf(EngineError.class);
    }

    @Test
    void anAnswerFromFewerRulesThanTheCatalogIsAnError() {
        assertThatThrownBy(() -> engine.parseAnswer(answer("[]", "[\"ECR001\"]"), EMPTY))
                .isInstanceOf(EngineError.class).hasMessageContaining("not the rules of the catalog");
    }

    @Test
    void aMalformedFindingIsAnError() {
        String rules = "[\"ECR001\",\"ECR002\",\"ECR003\",\"ECR004\",\"ECR005\",\"ECR006\",\"ECR007\",\"ECR008\",\"ECR009\"]";
        assertThatThrownBy(() -> engine.parseAnswer(answer("[{\"ruleId\":\"ECR001\",\"severity\":\"fatal\","
                + "\"resource\":\"r\",\"msg\":\"m\"}]", rules), EMPTY))
                .isInstanceOf(EngineError.class).hasMessageContaining("malformed finding");
        assertThatThrownBy(() -> engine.parseAnswer(answer("[{\"ruleId\":\"ECR999\",\"severity\":\"error\","
                + "\"resource\":\"r\",\"msg\":\"m\"}]", rules), EMPTY))
                .isInstanceOf(EngineError.class);
    }

    /** An answer as the bundle gives it for an empty model, with these findings and rules. */
    private static String answer(String findings, String rules) {
        return "[{\"result\":{\"findings\":" + findings + ",\"rules\":" + rules + ",\"received\":{\"modelVersion\":1,"
                + "\"repositories\":0,\"creationTemplates\":0,\"registryScanning\":0,\"workloads\":0,"
                + "\"conditionallyDeployed\":0}}}]";
    }
}
