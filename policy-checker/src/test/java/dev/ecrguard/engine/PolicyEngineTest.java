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
import java.util.Set;
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
        String answerOfAnEmptyInput = answer("[]", ALL_RULES);
        assertThatThrownBy(() -> engine.parseAnswer(answerOfAnEmptyInput, ECR001, PolicyEngine.sizes(sent)))
                .isInstanceOf(EngineError.class)
                .hasMessageContaining("did not read the model");
    }

    @Test
    void anAnswerOfAnUnexpectedShapeIsAnError() {
        assertThatThrownBy(() -> engine.parseAnswer("[]", ECR001, EMPTY)).isInstanceOf(EngineError.class)
                .hasMessageContaining("expected 1");
        assertThatThrownBy(() -> engine.parseAnswer("[{}]", ECR001, EMPTY)).isInstanceOf(EngineError.class)
                .hasMessageContaining("no findings/rules");
        assertThatThrownBy(() -> engine.parseAnswer("not json", ECR001, EMPTY)).isInstanceOf(EngineError.class);
    }

    @Test
    void anAnswerFromFewerRulesThanTheCatalogIsAnError() {
        assertThatThrownBy(() -> engine.parseAnswer(answer("[]", "[\"ECR001\"]"), ECR001, EMPTY))
                .isInstanceOf(EngineError.class).hasMessageContaining("are not the rules of the catalog");
    }

    @Test
    void aMalformedFindingIsAnError() {
        String rules = ALL_RULES;
        assertThatThrownBy(() -> engine.parseAnswer(answer("[{\"ruleId\":\"ECR001\",\"severity\":\"fatal\","
                + "\"resource\":\"r\",\"msg\":\"m\"}]", rules), ECR001, EMPTY))
                .isInstanceOf(EngineError.class).hasMessageContaining("malformed finding");
        assertThatThrownBy(() -> engine.parseAnswer(answer("[{\"ruleId\":\"ECR999\",\"severity\":\"error\","
                + "\"resource\":\"r\",\"msg\":\"m\"}]", rules), ECR001, EMPTY))
                .isInstanceOf(EngineError.class);
    }

    @Test
    void aFindingTwoResourcesGiveIsReportedOnceAsOpasSetsHoldIt() throws Exception {
        ObjectNode model = (ObjectNode) JSON.readTree(Files.readString(TESTDATA.resolve("model-example.json")));
        List<Finding> once = engine.evaluateJson(JSON.writeValueAsString(model));
        JsonNode repositories = model.withArray("repositories");
        model.withArray("repositories").add(repositories.get(0).deepCopy());

        List<Finding> twice = engine.evaluateJson(JSON.writeValueAsString(model));

        assertThat(twice).containsExactlyInAnyOrderElementsOf(once).doesNotHaveDuplicates();
    }

    @Test
    void anAnswerThatDidNotReadTheRuleAskedForIsAnError() {
        assertThatThrownBy(() -> engine.parseAnswer(answer("[]", ALL_RULES), Set.of("ECR002"), EMPTY))
                .isInstanceOf(EngineError.class).hasMessageContaining("asked for rules [ECR002]");
        assertThatThrownBy(() -> engine.parseAnswer(answer("[]", ALL_RULES).replace("\"checked\":[\"ECR001\"]",
                "\"checked\":[\"ECR001\",\"ECR001\"]"), ECR001, EMPTY))
                .isInstanceOf(EngineError.class).hasMessageContaining("two packages with one id");
        assertThatThrownBy(() -> engine.parseAnswer(answer("[]", ALL_RULES).replace("\"checked\":[\"ECR001\"]",
                "\"checked\":[]"), ECR001, EMPTY))
                .isInstanceOf(EngineError.class).hasMessageContaining("a rule package without findings");
    }

    @Test
    void aFindingOfAnotherRuleThanTheOneAskedForIsAnError() {
        String finding = "{\"ruleId\":\"ECR002\",\"severity\":\"error\",\"resource\":\"r\",\"msg\":\"m\"}";
        assertThatThrownBy(() -> engine.parseAnswer(answer("[" + finding + "]", ALL_RULES), ECR001, EMPTY))
                .isInstanceOf(EngineError.class).hasMessageContaining("malformed finding for rules [ECR001]");
    }

    @Test
    void oneEvaluationAskingForEveryRuleNeedsEachOfThem() {
        Set<String> every = Set.of("ECR001", "ECR002", "ECR003", "ECR004", "ECR005", "ECR006", "ECR007", "ECR008",
                "ECR009");
        assertThat(engine.parseAnswer(answer("[]", ALL_RULES, ALL_RULES), every, EMPTY)).isEmpty();
        String allButOne = ALL_RULES.replace(",\"ECR009\"", "");
        assertThatThrownBy(() -> engine.parseAnswer(answer("[]", allButOne, ALL_RULES), every, EMPTY))
                .isInstanceOf(EngineError.class).hasMessageContaining("asked for rules");
    }

    @Test
    void twoInstancesSharingTheRulesGiveWhatOneGives() throws Exception {
        String model = Files.readString(TESTDATA.resolve("model-example.json"));
        List<Finding> alone = engine.evaluateJson(model, false);
        assertThat(alone).hasSizeGreaterThan(9);
        for (int i = 0; i < 3; i++) {
            assertThat(engine.evaluateJson(model, true)).containsExactlyInAnyOrderElementsOf(alone);
        }
    }

    @Test
    void anInterruptedEvaluationIsAnErrorAndTheNextOneIsWhole() throws Exception {
        String model = Files.readString(TESTDATA.resolve("model-example.json"));
        List<Finding> alone = engine.evaluateJson(model);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> engine.evaluateJson(model, true)).isInstanceOf(EngineError.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(engine.evaluateJson(model, true)).containsExactlyInAnyOrderElementsOf(alone);
    }

    @Test
    void anErrorOnEitherInstanceIsAnErrorAndTheEngineStillWorksAfterIt() throws Exception {
        String model = Files.readString(TESTDATA.resolve("model-example.json"));
        assertThatThrownBy(() -> engine.evaluateJson("{\"repositories\": [", true)).isInstanceOf(EngineError.class);
        assertThat(engine.evaluateJson(model, true)).containsExactlyInAnyOrderElementsOf(engine.evaluateJson(model));
    }

    private static final Set<String> ECR001 = Set.of("ECR001");
    private static final String ALL_RULES =
            "[\"ECR001\",\"ECR002\",\"ECR003\",\"ECR004\",\"ECR005\",\"ECR006\",\"ECR007\",\"ECR008\",\"ECR009\"]";

    /** An answer as the bundle gives it for rule ECR001 on an empty model, with these findings and rules. */
    private static String answer(String findings, String rules) {
        return answer(findings, "[\"ECR001\"]", rules);
    }

    /** An answer as the bundle gives it on an empty model, with these findings, rules read and rules. */
    private static String answer(String findings, String checked, String rules) {
        return "[{\"result\":{\"findings\":" + findings + ",\"checked\":" + checked + ",\"rules\":" + rules
                + ",\"received\":{\"modelVersion\":1,"
                + "\"repositories\":0,\"creationTemplates\":0,\"registryScanning\":0,\"workloads\":0,"
                + "\"conditionallyDeployed\":0}}}]";
    }
}
