package dev.ecrguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The Markdown report read back as GitHub renders it (CommonMark with GFM tables and autolinks): a hostile id, file,
 * message or reason is text in a code span, never HTML, a link, an image, emphasis or a heading, and never splits a
 * table row.
 */
class MarkdownSafetyTest {
    private static final List<Extension> GFM = List.of(TablesExtension.create(), AutolinkExtension.create());

    @Test
    void hostileValuesStayInsideTheirCodeSpansAndCells() {
        String markdown = HostileResults.write(Format.MARKDOWN);
        Node document = Parser.builder().extensions(GFM).build().parse(markdown);
        List<String> unsafe = new ArrayList<>();
        List<String> code = new ArrayList<>();
        List<Integer> cellsPerRow = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline node) {
                unsafe.add("inline HTML " + node.getLiteral());
            }

            @Override
            public void visit(HtmlBlock node) {
                unsafe.add("HTML block " + node.getLiteral());
            }

            @Override
            public void visit(Link node) {
                unsafe.add("link " + node.getDestination());
            }

            @Override
            public void visit(Image node) {
                unsafe.add("image " + node.getDestination());
            }

            @Override
            public void visit(Emphasis node) {
                unsafe.add("emphasis");
            }

            @Override
            public void visit(StrongEmphasis node) {
                unsafe.add("strong emphasis");
            }

            @Override
            public void visit(Heading node) {
                headings.add(node.getFirstChild() == null ? "" : node.getFirstChild().toString());
                visitChildren(node);
            }

            @Override
            public void visit(Code node) {
                code.add(node.getLiteral());
            }

            @Override
            public void visit(CustomNode node) {
                if (node instanceof TableRow) {
                    int cells = 0;
                    for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
                        cells += c instanceof TableCell ? 1 : 0;
                    }
                    cellsPerRow.add(cells);
                }
                visitChildren(node);
            }

            @Override
            public void visit(CustomBlock node) {
                visitChildren(node);
            }
        });
        assertThat(unsafe).isEmpty();
        // Our headings only: the verdict and the four section titles.
        assertThat(headings).hasSize(5);
        int n = HostileResults.HOSTILE.size();
        // The summary table (header + row), findings (header + n) and waived (header + n).
        assertThat(cellsPerRow).hasSize(2 + (1 + n) + (1 + n));
        assertThat(cellsPerRow.subList(0, 2)).containsOnly(7);
        assertThat(cellsPerRow.subList(2, 3 + n)).containsOnly(5);
        assertThat(cellsPerRow.subList(3 + n, 4 + 2 * n)).containsOnly(3);
        // Each hostile string comes back whole, escaped, from its code span.
        for (String h : HostileResults.HOSTILE) {
            assertThat(code).contains("aws_ecr_repository." + SafeText.escape(h), "tags can move: " + SafeText.escape(h),
                    "reason " + SafeText.escape(h));
        }
        assertThat(markdown.lines()).allSatisfy(OutputSafetyTest::assertNoControlOrBidi);
    }

    @Test
    void aCodeSpanFenceIsLongerThanAnyBacktickRunInside() {
        assertThat(MarkdownReporter.code("a`b")).isEqualTo("``a`b``");
        assertThat(MarkdownReporter.code("```x")).isEqualTo("```` ```x ````");
        assertThat(MarkdownReporter.code("plain")).isEqualTo("`plain`");
        assertThat(MarkdownReporter.cell("a|b")).isEqualTo("`a\\|b`");
    }
}
