package dev.ecrguard.load.terraform.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecrguard.hcl.Hcl;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Each operator and function as Terraform computes it ({@code TerraformConsoleOracleTest} checks every case with
 * {@code terraform console}), and each refusal and unknown where Terraform gives one. The cases are in
 * {@code terraform/source/operators.tsv} and {@code functions.tsv}, tab-separated: the expression, then its value as JSON, or
 * "refused: TEXT" / "unknown: TEXT" for an unknown whose reason contains TEXT.
 */
class OperatorsAndFunctionsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static JsonNode eval(String expression) {
        var body = Hcl.parse("x = " + expression + "\n");
        Map<String, JsonNode> variables = Map.of("s", NODES.textNode("a"), "n", NODES.numberNode(2));
        return new Evaluator(variables, Map.of(), Map.of()).evaluate(body.attribute("x").orElseThrow().value());
    }

    private static void check(String expression, String expected) {
        JsonNode value = eval(expression);
        Unknown unknown = Unknown.of(value);
        if (expected.startsWith("refused: ") || expected.startsWith("unknown: ")) {
            assertThat(unknown).as("%s is unknown", expression).isNotNull();
            assertThat(unknown.why()).as(expression).contains(expected.substring(9));
            assertThat(unknown.why().startsWith("Terraform would refuse")).as(expression)
                    .isEqualTo(expected.startsWith("refused: "));
        } else {
            assertThat(unknown).as("%s is known", expression).isNull();
            assertThat(value.toString()).as(expression).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/terraform/source/operators.tsv", delimiter = '\t', quoteCharacter = '`')
    void operators(String expression, String expected) {
        check(expression, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/terraform/source/functions.tsv", delimiter = '\t', quoteCharacter = '`')
    void functions(String expression, String expected) {
        check(expression, expected);
    }

    @Test
    void typeNamesInRefusalsSayWhatTheValueIs() {
        assertThat(Operators.typeName(NODES.nullNode())).isEqualTo("null");
        assertThat(Operators.typeName(NODES.arrayNode())).isEqualTo("a list");
        assertThat(Operators.typeName(NODES.objectNode())).isEqualTo("an object");
        assertThat(Operators.typeName(NODES.textNode("a"))).isEqualTo("a string");
        assertThat(Operators.typeName(NODES.numberNode(1))).isEqualTo("a number");
        assertThat(Operators.typeName(NODES.booleanNode(true))).isEqualTo("a bool");
        assertThat(Operators.typeName(new Unknown("x", null).node())).isEqualTo("not a value");
    }
}
