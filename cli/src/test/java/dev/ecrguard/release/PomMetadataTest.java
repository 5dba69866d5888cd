package dev.ecrguard.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Maven Central refuses a pom without name, description, url, licence, developer and scm. Modules inherit url,
 * licences, developers and scm from the parent; each names and describes itself. The BOM is published flattened,
 * without its parent, so its published pom must carry everything itself.
 */
class PomMetadataTest {
    private static final String HOME = "https://github.com/ecr-guard/ecr-guard";

    @Test
    void theParentCarriesWhatCentralRequires() throws Exception {
        Document parent = Poms.read(Run.root().resolve("pom.xml"));

        assertCentralMetadata(parent, "pom.xml");
    }

    @Test
    void everyModuleNamesAndDescribesItselfAndInheritsTheRest() throws Exception {
        assertThat(Poms.modulePoms()).hasSizeGreaterThanOrEqualTo(6);
        for (Path pom : Poms.modulePoms()) {
            Document doc = Poms.read(pom);
            assertThat(Poms.text(doc, "/project/name")).as(pom + " name").isNotEmpty();
            assertThat(Poms.text(doc, "/project/description")).as(pom + " description").isNotEmpty();
            assertThat(Poms.text(doc, "/project/parent/artifactId")).as(pom + " parent").isEqualTo("ecr-guard-parent");
            for (String own : new String[] {"url", "licenses", "developers", "scm"}) {
                assertThat(Poms.nodes(doc, "/project/" + own).getLength())
                        .as(pom + " must inherit " + own + " from the parent, not say something else").isZero();
            }
        }
    }

    @Test
    void thePublishedBomCarriesItWithoutItsParent() throws Exception {
        Path flattened = Run.root().resolve("bom/.flattened-pom.xml");
        Document bom = Poms.read(flattened);

        assertThat(Poms.nodes(bom, "/project/parent").getLength()).isZero();
        assertCentralMetadata(bom, flattened.toString());
        assertThat(Poms.text(bom, "/project/groupId")).isEqualTo("dev.ecrguard");
        assertThat(Poms.text(bom, "/project/version")).isEqualTo(Run.projectVersion());
    }

    private static void assertCentralMetadata(Document pom, String what) throws Exception {
        assertThat(Poms.text(pom, "/project/name")).as(what + " name").isNotEmpty();
        assertThat(Poms.text(pom, "/project/description")).as(what + " description").isNotEmpty();
        assertThat(Poms.text(pom, "/project/url")).as(what + " url").isEqualTo(HOME);
        assertThat(Poms.text(pom, "/project/licenses/license/name")).as(what + " licence").isEqualTo("Apache-2.0");
        assertThat(Poms.text(pom, "/project/licenses/license/url")).as(what + " licence url")
                .isEqualTo("https://www.apache.org/licenses/LICENSE-2.0.txt");
        assertThat(Poms.text(pom, "/project/developers/developer/name")).as(what + " developer").isNotEmpty();
        assertThat(Poms.text(pom, "/project/scm/connection")).as(what + " scm connection")
                .isEqualTo("scm:git:" + HOME + ".git");
        assertThat(Poms.text(pom, "/project/scm/developerConnection")).as(what + " scm developerConnection")
                .startsWith("scm:git:");
        assertThat(Poms.text(pom, "/project/scm/url")).as(what + " scm url").isEqualTo(HOME);
    }
}
