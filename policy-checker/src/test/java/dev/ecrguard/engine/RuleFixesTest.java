package dev.ecrguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Every rule says how to fix its findings on every platform, from its METADATA (custom.fix). */
class RuleFixesTest {
    private static final JsonMapper JSON = new JsonMapper();

    @Test
    void everyRuleHasAFixForEveryPlatform() {
        RuleCatalog catalog = RuleCatalog.load();
        assertThat(catalog.rules()).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.fixes()).containsOnlyKeys(Platform.values());
            for (Platform platform : Platform.values()) {
                assertThat(rule.fix(platform)).as(rule.id() + " " + platform).isNotBlank();
                assertThat(catalog.fix(rule.id(), platform)).isEqualTo(rule.fix(platform));
            }
        });
    }

    @Test
    void theFixesSpeakEachPlatformsLanguage() {
        RuleCatalog catalog = RuleCatalog.load();
        assertThat(catalog.fix("ECR001", Platform.TERRAFORM)).contains("image_tag_mutability = \"IMMUTABLE\"");
        assertThat(catalog.fix("ECR001", Platform.CLOUDFORMATION)).contains("ImageTagMutability: IMMUTABLE");
        assertThat(catalog.fix("ECR001", Platform.CDK)).contains("dev.ecrguard.cdk.ImmutableRepository",
                "mutableTagsReason");
        assertThat(catalog.fix("ECR001", Platform.CDKTF)).contains("dev.ecrguard.cdktf.ImmutableEcrRepository");
        assertThat(catalog.fix("ECR005", Platform.TERRAFORM)).contains("re-plan");
        assertThat(catalog.fix("ECR005", Platform.CDK)).contains("TagMutability.IMMUTABLE");
    }

    @Test
    void aCatalogEntryWithoutAPlatformsFixIsRefused() throws Exception {
        ObjectNode entry = (ObjectNode) JSON.readTree("""
                {"id": "X001", "shortName": "X", "title": "t", "description": "d", "severity": "note", "recommendedActions": "r",
                 "fix": {"terraform": "tf", "cloudformation": "cfn", "cdk": "cdk", "cdktf": "cdktf"}, "file": "f"}""");
        assertThat(RuleCatalog.parse(JSON.createArrayNode().add(entry)).fix("X001", Platform.CDKTF)).isEqualTo("cdktf");

        ((ObjectNode) entry.get("fix")).remove("cdk");
        JsonNode withoutCdk = JSON.createArrayNode().add(entry);
        assertThatThrownBy(() -> RuleCatalog.parse(withoutCdk)).isInstanceOf(EngineError.class)
                .hasMessageContaining("without a text fix.cdk");

        ((ObjectNode) entry.get("fix")).put("cdk", " ");
        JsonNode blankCdk = JSON.createArrayNode().add(entry);
        assertThatThrownBy(() -> RuleCatalog.parse(blankCdk)).hasMessageContaining("without a text fix.cdk");

        entry.remove("fix");
        JsonNode withoutFixes = JSON.createArrayNode().add(entry);
        assertThatThrownBy(() -> RuleCatalog.parse(withoutFixes)).hasMessageContaining("without a text fix.terraform");
    }

    @Test
    void anUnknownRuleHasNoFix() {
        assertThatThrownBy(() -> RuleCatalog.load().fix("ECR999", Platform.CDK)).isInstanceOf(EngineError.class)
                .hasMessageContaining("ECR999");
    }
}
