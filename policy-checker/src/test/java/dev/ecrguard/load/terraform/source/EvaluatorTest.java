package dev.ecrguard.load.terraform.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecrguard.hcl.Attribute;
import dev.ecrguard.hcl.Body;
import dev.ecrguard.hcl.Expression;
import dev.ecrguard.hcl.Hcl;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Static evaluation: what Terraform knows before a plan is computed, the rest is unknown and named. */
class EvaluatorTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Evaluates {@code x} of {@code source} (which may hold a locals block) with {@code variables}. */
    private static JsonNode eval(String source, Map<String, JsonNode> variables, Map<String, JsonNode> instance) {
        Body body = Hcl.parse(source);
        Map<String, Expression> locals = new HashMap<>();
        body.blocks("locals").forEach(b -> b.body().attributes().forEach(a -> locals.put(a.name(), a.value())));
        Attribute x = body.attribute("x").orElseThrow();
        return new Evaluator(variables, locals, instance).evaluate(x.value());
    }

    private static JsonNode eval(String source) {
        return eval(source, Map.of("env", NODES.textNode("prod"), "filters", list("latest", "dev-*")), Map.of());
    }

    private static JsonNode list(String... items) {
        var array = NODES.arrayNode();
        for (String item : items) {
            array.add(item);
        }
        return array;
    }

    private static String unknown(JsonNode value) {
        Unknown u = Unknown.of(value);
        assertThat(u).as("unknown: %s", value).isNotNull();
        return u.why();
    }

    @Test
    void literalsVariablesAndTemplates() {
        assertThat(eval("x = \"IMMUTABLE\"\n").asText()).isEqualTo("IMMUTABLE");
        assertThat(eval("x = upper(\"immutable\")\n").asText()).isEqualTo("IMMUTABLE");
        assertThat(eval("x = \"${var.env}-repo\"\n").asText()).isEqualTo("prod-repo");
        assertThat(eval("x = var.filters\n")).isEqualTo(list("latest", "dev-*"));
        assertThat(eval("x = \"n=${1 + 2 * 3}, ${true}\"\n").asText()).isEqualTo("n=7, true");
        assertThat(eval("x = \"%{ if var.env == \"prod\" }IMMUTABLE%{ else }MUTABLE%{ endif }\"\n").asText())
                .isEqualTo("IMMUTABLE");
        assertThat(eval("x = \"%{ for f in var.filters }[${f}]%{ endfor }\"\n").asText()).isEqualTo("[latest][dev-*]");
    }

    @Test
    void aVariableWithoutValueIsUnknownAndNamed() {
        assertThat(unknown(eval("x = var.mutability\n"))).contains("var.mutability has no value");
        assertThat(unknown(eval("x = \"${var.prefix}-IMMUTABLE\"\n"))).contains("var.prefix");
        assertThat(unknown(eval("x = var.on ? \"IMMUTABLE\" : \"MUTABLE\"\n")))
                .contains("condition").contains("var.on");
        assertThat(eval("x = var.on ? \"IMMUTABLE\" : \"IMMUTABLE\"\n").asText())
                .as("both results agree, so the condition does not matter").isEqualTo("IMMUTABLE");
    }

    @Test
    void referencesToResourcesStayPlaceholdersInText() {
        JsonNode image = eval("x = \"${aws_ecr_repository.app.repository_url}:v1\"\n");
        assertThat(Unknown.of(image).text()).isEqualTo("${aws_ecr_repository.app.repository_url}:v1");
        assertThat(unknown(image)).contains("aws_ecr_repository.app.repository_url is known after apply");
        assertThat(unknown(eval("x = data.aws_caller_identity.me.account_id\n"))).contains("read at plan time");
        assertThat(unknown(eval("x = module.ecr.mutability\n"))).contains("module");
    }

    @Test
    void localsEachAndCount() {
        assertThat(eval("locals {\n  a = local.b\n  b = \"IMMUTABLE\"\n}\nx = local.a\n").asText()).isEqualTo("IMMUTABLE");
        assertThat(unknown(eval("locals {\n  a = local.b\n  b = local.a\n}\nx = local.a\n"))).contains("refers to itself");
        var each = NODES.objectNode().put("key", "api").put("value", "IMMUTABLE");
        assertThat(eval("x = \"${each.key}:${each.value}\"\n", Map.of(), Map.of("each", each)).asText())
                .isEqualTo("api:IMMUTABLE");
        assertThat(unknown(eval("x = each.key\n"))).contains("no for_each");
        var count = NODES.objectNode().put("index", 2);
        assertThat(eval("x = var.l[count.index]\n", Map.of("l", list("a", "b", "c")), Map.of("count", count)).asText())
                .isEqualTo("c");
    }

    @Test
    void theFunctionsEcrCodeUses() {
        assertThat(eval("x = merge({a = 1}, null, {b = 2, a = 3})\n").toString()).isEqualTo("{\"a\":3,\"b\":2}");
        assertThat(eval("x = lookup({a = \"IMMUTABLE\"}, \"b\", \"MUTABLE\")\n").asText()).isEqualTo("MUTABLE");
        assertThat(unknown(eval("x = try(var.settings.mutability, \"IMMUTABLE\")\n")))
                .as("an unknown first argument keeps try() unknown").contains("var.settings has no value");
        assertThat(eval("x = try({}.mutability, \"IMMUTABLE\")\n").asText()).isEqualTo("IMMUTABLE");
        assertThat(eval("x = can({}.mutability)\n").asBoolean()).isFalse();
        assertThat(eval("x = coalesce(\"\", null, \"IMMUTABLE\")\n").asText()).isEqualTo("IMMUTABLE");
        assertThat(eval("x = toset([\"b\", \"a\", \"b\"])\n")).isEqualTo(list("a", "b"));
        assertThat(eval("x = jsonencode([{image = \"r:latest\", name = \"<a>\"}])\n").asText())
                .isEqualTo("[{\"image\":\"r:latest\",\"name\":\"\\u003ca\\u003e\"}]");
        assertThat(eval("x = format(\"%s-%d%%\", \"a\", 7)\n").asText()).isEqualTo("a-7%");
        assertThat(eval("x = length(concat(var.filters, [\"x\"]))\n").asInt()).isEqualTo(3);
        assertThat(eval("x = jsondecode(\"{\\\"a\\\": [1]}\").a[0]\n").asInt()).isEqualTo(1);
        assertThat(unknown(eval("x = regex(\"a\", \"b\")\n"))).contains("regex() is not evaluated");
        assertThat(unknown(eval("x = format(\"%q\", \"a\")\n"))).contains("verb");
    }

    @Test
    void forExpressionsAndSplats() {
        assertThat(eval("x = { for f in var.filters : f => upper(f) if f != \"latest\" }\n").toString())
                .isEqualTo("{\"dev-*\":\"DEV-*\"}");
        assertThat(eval("x = [for i, f in var.filters : \"${i}:${f}\"]\n")).isEqualTo(list("0:latest", "1:dev-*"));
        assertThat(eval("x = { for f in [\"a\", \"a\"] : f => 1... }\n").toString()).isEqualTo("{\"a\":[1,1]}");
        assertThat(eval("x = [{n = \"a\"}, {n = \"b\"}][*].n\n")).isEqualTo(list("a", "b"));
        assertThat(unknown(eval("x = [for r in aws_ecr_repository.all : r.name]\n"))).contains("for expression");
    }

    @Test
    void whatTerraformRefusesIsUnknownSayingSo() {
        assertThat(unknown(eval("x = {a = 1}.b\n"))).contains("Terraform would refuse").contains("no attribute");
        assertThat(unknown(eval("x = [1][3]\n"))).contains("index 3");
        assertThat(unknown(eval("x = 0 / 0\n"))).contains("Terraform would refuse").contains("not a number");
        assertThat(unknown(eval("x = var\n"))).contains("Terraform would refuse").contains("var.NAME");
        assertThat(unknown(eval("x = local[\"a\"]\n"))).contains("local.NAME");
        assertThat(eval("x = [for var in [\"a\"] : var]\n")).isEqualTo(list("a"));
        assertThat(unknown(eval("x = \"a${[1]}\"\n"))).contains("a string is needed");
    }

    @Test
    void aKeyGivenTwiceTakesItsLastValueAsInTerraform() {
        // terraform console: {a = 1, b = 2, a = 3} is {"a" = 3, "b" = 2}
        assertThat(eval("x = {a = 1, b = 2, a = 3}\n").toString()).isEqualTo("{\"a\":3,\"b\":2}");
    }

    @Test
    void stringsThatDoubleEachOtherRunOutOfLengthNotOfMemory() {
        StringBuilder source = new StringBuilder("locals {\n  s0 = \"0123456789\"\n");
        for (int i = 1; i <= 40; i++) {
            source.append("  s").append(i).append(" = \"${local.s").append(i - 1).append("}${local.s").append(i - 1)
                    .append("}\"\n");
        }
        source.append("}\n");
        for (String x : new String[] {"local.s40", "join(\"\", [local.s16, local.s16, local.s16])",
                "jsonencode([local.s16, local.s16, local.s16])", "format(\"%s%s%s\", local.s16, local.s16, local.s16)"}) {
            assertThat(unknown(eval(source + "x = " + x + "\n"))).as(x).contains("too complex");
        }
        assertThat(eval(source + "x = length(local.s16)\n").asInt()).as("655,360 characters are fine")
                .isEqualTo(655_360);
    }

    @Test
    void localsThatDoubleEachOtherRunOutOfBudgetNotOfTime() {
        StringBuilder source = new StringBuilder("locals {\n  l0 = [1, 2]\n");
        for (int i = 1; i <= 40; i++) {
            source.append("  l").append(i).append(" = concat(local.l").append(i - 1).append(", local.l").append(i - 1)
                    .append(")\n");
        }
        source.append("}\nx = length(local.l40)\n");
        assertThat(unknown(eval(source.toString()))).contains("too complex");
    }
}
