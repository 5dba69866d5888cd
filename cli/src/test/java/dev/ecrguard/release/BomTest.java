package dev.ecrguard.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The BOM as it is published (flattened): every module, and the parent's pins of the libraries users get. */
class BomTest {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    @Test
    void listsEveryModuleAtTheProjectVersion() throws Exception {
        Map<String, String> managed = managed(bom(), properties(bom()));
        for (Path pom : Poms.modulePoms()) {
            String artifactId = Poms.text(Poms.read(pom), "/project/artifactId");
            if (!artifactId.equals("ecr-guard-bom")) {
                assertThat(managed).as(artifactId).containsEntry("dev.ecrguard:" + artifactId, Run.projectVersion());
            }
        }
    }

    /** Every library the parent pins for the constructs (ranges in cdktf, jsii-runtime, aws-cdk-lib) at the same version. */
    @Test
    void pinsWhatTheParentPinsForTheConstructsUsers() throws Exception {
        Document parent = Poms.read(Run.root().resolve("pom.xml"));
        Map<String, String> parentPins = managed(parent, properties(parent));
        Map<String, String> bomPins = managed(bom(), properties(bom()));
        String[] users = {"com.fasterxml.jackson:jackson-bom", "com.hashicorp:cdktf", "com.hashicorp:cdktf-provider-aws",
            "software.amazon.jsii:jsii-runtime", "org.jetbrains:annotations", "javax.annotation:javax.annotation-api",
            "software.amazon.awscdk:aws-cdk-lib", "software.constructs:constructs",
            "software.amazon.awscdk:cdk-asset-awscli-v1"};
        for (String key : users) {
            assertThat(parentPins).containsKey(key);
            assertThat(bomPins).as(key).containsEntry(key, parentPins.get(key));
        }
    }

    @Test
    void bringsNoneOfTheBuildsOwnPins() throws Exception {
        Map<String, String> bomPins = managed(bom(), properties(bom()));

        assertThat(bomPins.keySet()).noneMatch(k -> k.startsWith("org.junit") || k.startsWith("org.assertj")
                || k.startsWith("com.networknt"));
        assertThat(Poms.nodes(bom(), "/project/build").getLength()).isZero();
    }

    private static Document bom() throws Exception {
        return Poms.read(Run.root().resolve("bom/.flattened-pom.xml"));
    }

    private static Map<String, String> properties(Document pom) throws Exception {
        Map<String, String> properties = new HashMap<>();
        NodeList nodes = Poms.nodes(pom, "/project/properties/*");
        for (int i = 0; i < nodes.getLength(); i++) {
            properties.put(nodes.item(i).getNodeName(), nodes.item(i).getTextContent().strip());
        }
        properties.put("project.version", Poms.text(pom, "/project/version"));
        return properties;
    }

    /** groupId:artifactId to version, with ${properties} resolved. */
    private static Map<String, String> managed(Document pom, Map<String, String> properties) throws Exception {
        Map<String, String> managed = new LinkedHashMap<>();
        NodeList deps = Poms.nodes(pom, "/project/dependencyManagement/dependencies/dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            Matcher m = PROPERTY.matcher(Poms.text(dep, "version"));
            String version = m.replaceAll(r -> Matcher.quoteReplacement(properties.getOrDefault(r.group(1), r.group())));
            managed.put(Poms.text(dep, "groupId") + ":" + Poms.text(dep, "artifactId"), version);
        }
        return managed;
    }
}
