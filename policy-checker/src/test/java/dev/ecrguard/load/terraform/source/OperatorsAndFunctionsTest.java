package dev.ecrguard.load.terraform.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecrguard.hcl.Hcl;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each operator and function as Terraform computes it (the mixed-type, number and escaping cases checked with
 * {@code terraform console}), and each refusal and unknown where Terraform gives one. Tab-separated: the expression, then its value as JSON, or
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
    @CsvSource(delimiter = '\t', quoteCharacter = '`', textBlock = """
            1 + 2	3
            "3" + 2	5
            5 - 7	-2
            2 * 3.5	7.0
            7 / 2	3.5
            7 % 3	1
            1 / 0	refused: division by zero
            1 % 0	refused: modulo by zero
            "x" + 1	refused: a number is needed, but the string is not one
            true + 1	refused: a number is needed, but the value is a bool
            1 < 2	true
            2 < 2	false
            2 <= 2	true
            3 <= 2	false
            3 > 2	true
            2 > 2	false
            2 >= 2	true
            1 >= 2	false
            1 == 1.0	true
            1 == "1"	false
            "a" == "a"	true
            "a" != "b"	true
            [1, 2] == [1, 2]	true
            [1, 2] == [1, 3]	false
            [1] == [1, 2]	false
            {a = 1} == {a = 1}	true
            {a = 1} == {a = 2}	false
            {a = 1} == {b = 1}	false
            {a = 1} == {a = 1, b = 2}	false
            null == null	true
            true && false	false
            true && true	true
            false || true	true
            false || false	false
            "true" && true	true
            1 && true	refused: a bool is needed, but the value is a number
            !false	true
            !"false"	true
            -(3)	-3
            -"3"	-3
            -var.missing	unknown: var.missing has no value
            var.missing + 1	unknown: var.missing has no value
            1 + var.missing	unknown: var.missing has no value
            [var.missing] == [1]	unknown: var.missing has no value
            var.s == "a"	true
            var.n * 2	4
            """)
    void operators(String expression, String expected) {
        check(expression, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '\t', quoteCharacter = '`', textBlock = """
            merge({a = 1}, {b = 2})	{"a":1,"b":2}
            element(["a", "b"], 3)	"b"
            element([], 0)	refused: a list that is not empty
            element(["a", "b", "c"], -1)	refused: negative index
            element(["a", "b", "c"], 1.5)	refused: not a whole number
            element(var.missing, 0)	unknown: var.missing
            one([])	null
            one(["x"])	"x"
            one([1, 2])	refused: more than one element
            coalescelist([], ["x"])	["x"]
            coalescelist([], [])	refused: no non-empty list
            coalescelist(var.missing, ["x"])	unknown: var.missing
            alltrue([])	true
            anytrue([])	false
            alltrue(["true", true])	true
            anytrue([false, "true"])	true
            alltrue([1])	refused: a bool is needed
            startswith("latest", "lat")	true
            endswith("v1", "")	true
            startswith(var.missing, "x")	unknown: var.missing
            split(",", "")	[""]
            split(",", "a,,b")	["a","","b"]
            split("", "ab")	unknown: empty separator
            replace("a-b-c", "-", "_")	"a_b_c"
            replace("a.b", "/[.]/", "_")	unknown: regular expression
            zipmap(["a", "b"], [1, 2])	{"a":1,"b":2}
            zipmap(["a", "a"], [1, 2])	{"a":2}
            zipmap(["a"], [1, 2])	refused: two lists of the same length
            nonsensitive("x")	"x"
            sensitive("x")	"x"
            merge({a = 1}, "x")	refused: merge() takes maps or objects, not a string
            merge(var.missing, {})	unknown: var.missing
            lookup({a = 1}, "a")	1
            lookup({a = 1}, "b")	refused: no such key and has no default
            lookup({a = 1}, "b", 0)	0
            lookup([1], "a", 0)	refused: lookup() takes a map, not a list
            lookup({a = 1})	refused: lookup() takes a map, a key and an optional default
            lookup(var.missing, "a", 0)	unknown: var.missing
            coalesce(null, "", "x")	"x"
            coalesce(null, "")	refused: coalesce() has no argument that is not null or empty
            coalesce(var.missing, "x")	unknown: var.missing
            try(1 / 0, 2 / 0)	refused: no argument of try() can be evaluated
            can(1 / 0)	false
            can(1)	true
            can(var.missing)	unknown: var.missing
            can(1, 2)	refused: can() takes one argument
            toset(["b", "a", "b"])	["a","b"]
            toset([3, 1, 3])	[1,3]
            toset([true, "a"])	["a","true"]
            toset([true, 1])	refused: no single element type
            toset(null)	null
            toset(var.missing)	unknown: var.missing
            tolist(["a"])	["a"]
            tomap({a = 1})	{"a":1}
            tostring(1.50)	"1.5"
            tostring(0)	"0"
            tostring(true)	"true"
            tostring(null)	null
            tostring([1])	refused: a string is needed, but the value is a list
            tonumber("12")	12
            tonumber(null)	null
            tobool("false")	false
            tobool(null)	null
            tostring(var.missing)	unknown: var.missing
            upper("ab")	"AB"
            lower("AB")	"ab"
            trimspace("  a  ")	"a"
            upper("a", "b")	refused: upper() takes one argument
            jsonencode({b = [1, true, null], a = "x<y>&z\\n"})	"{\\"a\\":\\"x\\\\u003cy\\\\u003e\\\\u0026z\\\\n\\",\\"b\\":[1,true,null]}"
            jsonencode(var.missing)	unknown: var.missing
            jsondecode("[1, {\\"a\\": 2}]")	[1,{"a":2}]
            jsondecode("{")	refused: jsondecode() of text that is not JSON
            jsondecode(var.missing)	unknown: var.missing
            format("%s/%d/%v/%%", "a", 2, true)	"a/2/true/%"
            format("%d", 1.5)	refused: format() %d of a number that is not whole
            format("%s %s", "a")	refused: format() has more verbs than arguments
            format("%q", "a")	unknown: verb other than %s, %d, %v
            format()	refused: format() needs a format string
            format("%s", var.missing)	unknown: var.missing
            concat([1], [2, 3])	[1,2,3]
            concat([1], "x")	refused: concat() takes lists, not a string
            concat(var.missing)	unknown: var.missing
            length("héllo")	5
            length([1, 2])	2
            length({a = 1})	1
            length(1)	refused: length() of a number
            length(var.missing)	unknown: var.missing
            keys({b = 1, a = 2})	["a","b"]
            values({b = 1, a = 2})	[2,1]
            keys([1])	refused: keys() of a list
            keys(var.missing)	unknown: var.missing
            contains(["a", "b"], "b")	true
            contains(["a", "b"], "c")	false
            contains("a", "a")	refused: contains() takes a list, not a string
            contains(["a"])	refused: contains() takes a list and a value
            contains([var.missing], "a")	unknown: var.missing
            join("-", ["a", "b"], ["c"])	"a-b-c"
            join("-")	refused: join() takes a separator and lists
            join("-", "a")	refused: join() takes lists, not a string
            join("-", [var.missing])	unknown: var.missing
            flatten([1, [2, [3]], []])	[1,2,3]
            flatten("a")	refused: flatten() of a string
            flatten([var.missing])	unknown: var.missing
            distinct([1, 2, 1, "1"])	["1","2"]
            distinct([1, 2, 1])	[1,2]
            distinct("a")	refused: distinct() of a string
            compact(["a", "", null, "b"])	["a","b"]
            compact("a")	refused: compact() of a string
            compact(var.missing)	unknown: var.missing
            concat([1], [2]...)	refused: concat() takes lists, not a number
            concat([[1], [2]]...)	[1,2]
            concat("x"...)	refused: ... expands a list
            concat(var.missing...)	unknown: var.missing
            file("x")	unknown: the function file() is not evaluated
            """)
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
