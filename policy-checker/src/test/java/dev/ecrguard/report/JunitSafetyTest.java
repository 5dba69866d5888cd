package dev.ecrguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.cli.CliRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit report stays well-formed XML 1.0 whatever the input names, and keeps each file's resources apart. */
class JunitSafetyTest {
    @Test
    void hostileIdsAndMessagesStillParseAsXml() throws Exception {
        String xml = HostileResults.write(Format.JUNIT);
        Document document = parse(xml);

        List<String> names = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        NodeList cases = document.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        for (String tag : List.of("failure", "skipped", "error")) {
            NodeList nodes = document.getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                messages.add(((Element) nodes.item(i)).getAttribute("message"));
                if (!tag.equals("skipped")) {
                    assertThat(nodes.item(i).getTextContent()).isEqualTo(messages.get(messages.size() - 1));
                }
            }
        }
        int n = HostileResults.HOSTILE.size();
        assertThat(document.getElementsByTagName("testsuite").getLength()).isEqualTo(n + 1);
        for (String h : HostileResults.HOSTILE) {
            String escaped = SafeText.escape(h);
            assertThat(names).contains("ECR001 aws_ecr_repository." + escaped, "ECR003 aws_ecr_repository." + escaped);
            assertThat(messages).contains("tags can move: " + escaped, "waived: reason " + escaped);
        }
        assertThat(xml.lines()).allSatisfy(OutputSafetyTest::assertNoControlOrBidi);
    }

    @Test
    void theSameIdInTwoFilesIsACaseInEachFilesSuite(@TempDir Path dir) throws Exception {
        Path dev = Files.createDirectories(dir.resolve("dev")).resolve("main.tf.json");
        Path prod = Files.createDirectories(dir.resolve("prod")).resolve("main.tf.json");
        Files.writeString(dev, repository("IMMUTABLE"));
        Files.writeString(prod, repository("MUTABLE"));

        CliRun r = CliRun.run("check", "--format", "junit", dev.toString(), prod.toString());
        Document document = parse(r.out());

        Element devSuite = suite(document, dev.toString());
        Element prodSuite = suite(document, prod.toString());
        assertThat(devSuite).as("dev's suite").isNotNull();
        assertThat(prodSuite).as("prod's suite").isNotNull();
        assertThat(devSuite.getAttribute("failures")).isEqualTo("0");
        assertThat(caseNames(devSuite)).contains("aws_ecr_repository.app");
        assertThat(prodSuite.getAttribute("failures")).isNotEqualTo("0");
        assertThat(caseNames(prodSuite)).contains("ECR001 aws_ecr_repository.app");
    }

    static String repository(String mutability) {
        return "{\"resource\": {\"aws_ecr_repository\": {\"app\": {\"name\": \"app\", \"image_tag_mutability\": \""
                + mutability + "\", \"image_scanning_configuration\": [{\"scan_on_push\": true}]}}}}";
    }

    private static Element suite(Document document, String name) {
        NodeList suites = document.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            if (((Element) suites.item(i)).getAttribute("name").equals(name)) {
                return (Element) suites.item(i);
            }
        }
        return null;
    }

    private static List<String> caseNames(Element suite) {
        List<String> names = new ArrayList<>();
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
