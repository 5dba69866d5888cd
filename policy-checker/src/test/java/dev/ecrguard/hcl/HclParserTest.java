package dev.ecrguard.hcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the parser reads, construct by construct, in the oracle's canonical form ({@link CanonicalForm}). */
class HclParserTest {
    /** The canonical form of {@code x = EXPRESSION}'s expression. */
    private static String expression(String source) {
        String text = "x = " + source + "\n";
        return CanonicalForm.of("f", text).get(0).split("\t")[5];
    }

    private static HclSyntaxError error(String text) {
        try {
            Hcl.parse(text);
        } catch (HclSyntaxError e) {
            return e;
        }
        throw new AssertionError("parsed without an error");
    }

    @Test
    void operatorsBindByHclPrecedence() {
        assertThat(expression("1 + 2 * 3")).isEqualTo("bin(+,num(1),bin(*,num(2),num(3)))");
        assertThat(expression("a || b && !c == d")).isEqualTo("bin(||,a,bin(&&,b,bin(==,un(!,c),d)))");
        assertThat(expression("a - b - c")).isEqualTo("bin(-,bin(-,a,b),c)");
        assertThat(expression("x < 1 ? \"a\" : y >= 2 ? \"b\" : \"c\""))
                .isEqualTo("cond(bin(<,x,num(1)),tpl(\"a\"),cond(bin(>=,y,num(2)),tpl(\"b\"),tpl(\"c\")))");
        assertThat(expression("1e3 + 0.5")).isEqualTo("bin(+,num(1000),num(0.5))");
    }

    @Test
    void traversalsSplatsAndIndexes() {
        assertThat(expression("var.repos[0].name")).isEqualTo("var.repos[num(0)].name");
        assertThat(expression("var.repos.0")).isEqualTo("var.repos[num(0)]");
        assertThat(expression("var.m[var.k].name")).isEqualTo("rel(index(var.m,var.k),.name)");
        assertThat(expression("aws_ecr_repository.r[*].arn")).isEqualTo("splat(aws_ecr_repository.r,rel(item,.arn))");
        assertThat(expression("var.l.*.name")).isEqualTo("splat(var.l,rel(item,.name))");
        assertThat(expression("provider::aws::arn_parse(x)")).isEqualTo("call(provider::aws::arn_parse;x;false)");
        assertThat(expression("concat(var.a, var.b...)")).isEqualTo("call(concat;var.a,var.b;true)");
    }

    @Test
    void templatesWithInterpolationsDirectivesEscapesAndStripMarkers() {
        assertThat(expression("\"${var.env}-repo\"")).isEqualTo("tpl(var.env,\"-repo\")");
        assertThat(expression("\"a $${b} %%{c} \\u00e9\\t\"")).isEqualTo("tpl(\"a ${b} %{c} é\\t\")");
        assertThat(expression("\"%{ if var.on }on%{ else }off%{ endif }\""))
                .isEqualTo("tpl(cond(var.on,tpl(\"on\"),tpl(\"off\")))");
        assertThat(expression("\"a  ${~ b ~}  c\"")).isEqualTo("tpl(\"a\",b,\"c\")");
        assertThat(expression("<<-EOT\n    one\n      ${two}\n    EOT")).isEqualTo("tpl(\"one\\n  \",two,\"\\n\")");
        assertThat(expression("<<EOT\n%{ for t in var.tags ~}\n${t}\n%{ endfor ~}\nEOT"))
                .isEqualTo("tpl(join(for(,t,var.tags,_,tpl(t,\"\\n\"),_,false)))");
    }

    @Test
    void collectionsAndForExpressions() {
        assertThat(expression("{\n  a = 1\n  \"b\" = 2, (var.k) = 3\n  d: 4\n}"))
                .isEqualTo("obj(\"a\"=num(1),tpl(\"b\")=num(2),paren(var.k)=num(3),\"d\"=num(4))");
        assertThat(expression("[\n  1,\n  2,\n]")).isEqualTo("tuple(num(1),num(2))");
        assertThat(expression("{ for k, v in var.m : v.name => k... if v.on }"))
                .isEqualTo("for(k,v,var.m,v.name,k,v.on,true)");
        assertThat(expression("[for s in var.l : upper(s)]")).isEqualTo("for(,s,var.l,_,call(upper;s;false),_,false)");
    }

    @Test
    void blocksKeepTheirLabelsAndLines() {
        Body body = Hcl.parse("# c\nresource \"aws_ecr_repository\" \"r\" {\n  name = \"r\"\n\n"
                + "  lifecycle { prevent_destroy = true }\n  dynamic \"x\" {\n    for_each = []\n    content {}\n  }\n}\n");
        Block r = body.blocks().get(0);
        assertThat(r.type()).isEqualTo("resource");
        assertThat(r.labels()).containsExactly("aws_ecr_repository", "r");
        assertThat(r.span().line()).isEqualTo(2);
        assertThat(r.span().endLine()).isEqualTo(10);
        assertThat(r.body().attribute("name").orElseThrow().span().line()).isEqualTo(3);
        assertThat(r.body().blocks("lifecycle").get(0).body().attribute("prevent_destroy")).isPresent();
        assertThat(r.body().blocks("dynamic").get(0).body().blocks("content")).hasSize(1);
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsReadAsTerraformReadsThem() {
        Body body = Hcl.parse("\uFEFFa = \"x\"\r\nb = <<EOT\r\nline\r\nEOT\r\n");
        assertThat(body.attribute("a").orElseThrow().span().line()).isEqualTo(1);
        assertThat(body.attribute("b").orElseThrow().span().line()).isEqualTo(2);
    }

    @Test
    void invalidTextIsAnErrorWithItsLineAndNoQuotedInput() {
        assertThat(error("a = \"secret-token\nb = 1\n").line()).isEqualTo(1);
        HclSyntaxError garbage = error("resource \"x\" \"y\" {\n  name = ghp_secret @\n}\n");
        assertThat(garbage.line()).isEqualTo(2);
        assertThat(garbage.getMessage()).doesNotContain("ghp_secret").contains("'@'");
        assertThat(error("x = \"\u0007\"\ny = \u0001\n").getMessage()).contains("U+0001");
        assertThat(error("a = 1\na = 2\n").getMessage()).contains("set twice").contains("line 1");
        assertThat(error("a = 1 b = 2\n").getMessage()).contains("new line");
        assertThat(error("r {\n  a = 1\n").line()).isEqualTo(1);
        assertThat(error("a = \"\\ud800\"\n").getMessage()).contains("surrogate");
        assertThat(error("a = \"\\q\"\n").getMessage()).contains("unknown escape");
        assertThat(error("a = <<EOT\nnever closed\n").getMessage()).contains("heredoc");
        assertThat(error("a = \"%{ if x }open\"\n").getMessage()).contains("not closed");
        assertThat(error("a = \"%{ endif }\"\n").getMessage()).contains("without its");
        assertThat(error("/* open\n").getMessage()).contains("comment");
    }

    @Test
    void nestingBeyondTheLimitIsAnErrorNotAStackOverflow() {
        String deep = "x = " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        assertThat(error(deep).getMessage()).contains("nested more than " + Parser.MAX_NESTING);
        String deepBlocks = "a {\n".repeat(5_000) + "}\n".repeat(5_000);
        assertThat(error(deepBlocks).getMessage()).contains("nested more than");
        String deepNot = "x = " + "!".repeat(10_000) + "true\n";
        assertThat(error(deepNot).getMessage()).contains("nested more than");
        StringBuilder fine = new StringBuilder("x = ");
        fine.append("[".repeat(30)).append("]".repeat(30)).append('\n');
        assertThat(Hcl.parse(fine.toString()).attribute("x")).isPresent();
    }
}
