package dev.ecrguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ecrguard.engine.Rule;
import dev.ecrguard.engine.RuleCatalog;
import dev.ecrguard.engine.Severity;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.Model;
import dev.ecrguard.waivers.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** SARIF names each rule by its METADATA short_name and links it to its row of the README's rule table. */
class SarifRuleHelpTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void everyRulesAnchorIsInTheReadme() throws Exception {
        String readme = Files.readString(README);
        assertThat(RuleCatalog.load().rules()).allSatisfy(rule ->
                assertThat(readme).as("README.md anchor of " + rule.id())
                        .contains("<a id=\"" + rule.anchor() + "\"></a>" + rule.id() + " |"));
    }

    @Test
    void sarifRulesCarryTheShortNameAndTheirOwnHelpUri() throws Exception {
        RuleCatalog catalog = RuleCatalog.load();
        Result empty = new Result(new LoadResult(Model.empty(), List.of(), List.of(), List.of()), List.of(), List.of(),
                List.of(), List.of());
        StringWriter out = new StringWriter();
        SarifReporter.write(new Report(empty, Severity.ERROR, catalog), new PrintWriter(out));
        JsonNode rules = new JsonMapper().readTree(out.toString()).path("runs").get(0).path("tool").path("driver")
                .path("rules");

        assertThat(rules).hasSize(catalog.rules().size());
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = catalog.rules().get(i);
            assertThat(rules.get(i).path("id").asText()).isEqualTo(rule.id());
            assertThat(rules.get(i).path("name").asText()).isEqualTo(rule.shortName()).matches("[A-Z][A-Za-z0-9]+");
            assertThat(rules.get(i).path("helpUri").asText())
                    .isEqualTo(Version.PROJECT_URL + "#" + rule.id().toLowerCase(Locale.ROOT));
        }
        assertThat(rules.get(0).path("name").asText()).isEqualTo("TagsOverwritable");
    }
}
