package dev.ecrguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ecr.CfnRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.constructs.Construct;

class EcrGuardPluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private App appWithPlugin() {
        App app = TestApps.app(out);
        Validations.of(app).addPlugins(new EcrGuardPlugin());
        return app;
    }

    /** The violations of the ecr-guard plugin in validation-report.json: "rule severity constructPath" (the rule as
     * ruleMetadata gives it; the ruleName also names the construct, see OneVoiceTest). */
    private List<String> reported(String key) throws Exception {
        JsonNode report = JSON.readTree(Files.readString(out.resolve("validation-report.json")));
        List<String> found = new ArrayList<>();
        for (JsonNode plugin : report.get("pluginReports")) {
            if (plugin.get("pluginName").asText().equals("ecr-guard")) {
                for (JsonNode v : plugin.path(key)) {
                    for (JsonNode c : v.get("violatingConstructs")) {
                        found.add(v.path("ruleMetadata").path("rule").asText() + " " + v.get("severity").asText() + " "
                                + c.get("constructPath").asText());
                    }
                }
            }
        }
        return found;
    }

    @Test
    void anImmutableAppSynthesizes() throws Exception {
        App app = appWithPlugin();
        Stack stack = new Stack(app, "Registry");
        new ImmutableRepository(stack, "Api");
        new ImmutableRepository(stack, "Web", ImmutableRepositoryProps.builder().floatingTags(List.of("latest")).build());
        app.synth();
        assertThat(reported("violations")).isEmpty();
    }

    @Test
    void aMutableRepositoryFailsSynthWithTheReport() throws Exception {
        App app = appWithPlugin();
        Stack stack = new Stack(app, "Registry");
        new ImmutableRepository(stack, "Api");
        new Repository(stack, "Legacy");
        assertThatThrownBy(app::synth)
                .hasMessageContaining("Registry/Legacy")
                .hasMessageContaining("ECR001")
                .hasMessageContaining("ImageTagMutability is not set, so ECR's default MUTABLE applies")
                .hasMessageContaining("Suggested fix");
        assertThat(reported("violations")).containsExactlyInAnyOrder(
                "ECR001 error Registry/Legacy", "ECR003 warning Registry/Legacy");
    }

    @Test
    void l1AndThirdPartyRepositoriesAreCheckedToo() throws Exception {
        App app = appWithPlugin();
        Stack stack = new Stack(app, "Registry");
        Construct vendor = new Construct(stack, "VendorLib");
        CfnRepository.Builder.create(vendor, "Repo").imageTagMutability("MUTABLE_WITH_EXCLUSION")
                .imageTagMutabilityExclusionFilters(List.of(CfnRepository.ImageTagMutabilityExclusionFilterProperty
                        .builder().imageTagMutabilityExclusionFilterType("WILDCARD")
                        .imageTagMutabilityExclusionFilterValue("release-*").build()))
                .build();
        // an escape hatch on an L2 is seen: the plugin reads the synthesized template
        ImmutableRepository hatched = new ImmutableRepository(stack, "Hatched");
        hatched.getCfnRepository().addPropertyOverride("ImageTagMutability", "MUTABLE");
        assertThatThrownBy(app::synth).hasMessageContaining("Registry/VendorLib/Repo");
        assertThat(reported("violations")).contains("ECR001 error Registry/VendorLib/Repo",
                "ECR001 error Registry/Hatched");
    }

    @Test
    void nestedStacksAndStagesAreChecked() throws Exception {
        App app = appWithPlugin();
        Stack stack = new Stack(app, "Registry");
        NestedStack nested = new NestedStack(stack, "Inner");
        NestedStack deeper = new NestedStack(nested, "Deeper");
        new Repository(deeper, "DeepRepo", null);
        Stage prod = new Stage(app, "Prod");
        Stack prodStack = new Stack(prod, "Images");
        Repository.Builder.create(prodStack, "StageRepo").imageTagMutability(TagMutability.MUTABLE).build();
        new ImmutableRepository(prodStack, "Fine");
        new Repository(new NestedStack(prodStack, "StageNested"), "NestedInStage");
        assertThatThrownBy(app::synth)
                .hasMessageContaining("Registry/Inner/Deeper/DeepRepo")
                .hasMessageContaining("Prod/Images/StageRepo");
        assertThat(reported("violations")).contains("ECR001 error Registry/Inner/Deeper/DeepRepo",
                "ECR001 error Prod/Images/StageRepo", "ECR001 error Prod/Images/StageNested/NestedInStage")
                .noneMatch(v -> v.contains("Fine"));
    }

    @Test
    void withTheCliContextANestedStackIsReportedOnce() throws Exception {
        // the CLI turns on asset and path metadata, with which the checker also follows nested stacks by itself
        App app = App.Builder.create().outdir(out.toString()).context(Map.of("@aws-cdk/core:appMode", "inmemory",
                "aws:cdk:enable-asset-metadata", true, "aws:cdk:enable-path-metadata", true)).build();
        Validations.of(app).addPlugins(new EcrGuardPlugin());
        Stack stack = new Stack(app, "Registry");
        new Repository(new NestedStack(stack, "Inner"), "Legacy");
        assertThatThrownBy(app::synth).hasMessageContaining("Registry/Inner/Legacy");
        assertThat(reported("violations")).containsExactlyInAnyOrder(
                "ECR001 error Registry/Inner/Legacy", "ECR003 warning Registry/Inner/Legacy");
    }

    @Test
    void theOptOutIsWaivedNotFailed() throws Exception {
        App app = appWithPlugin();
        Stack stack = new Stack(app, "Registry");
        new ImmutableRepository(stack, "Cache", ImmutableRepositoryProps.builder()
                .mutableTagsReason("BuildKit cache: every CI run overwrites the cache tag").build());
        app.synth();
        assertThat(reported("violations")).isEmpty();
    }

    @Test
    void anAcknowledgementCoversOnlyTheConstructsBelowIt() throws Exception {
        App app = appWithPlugin();
        Stack stack = new Stack(app, "Registry");
        Repository accepted = Repository.Builder.create(stack, "Accepted").imageScanOnPush(true).build();
        Validations.of(accepted).acknowledge(Acknowledgment.builder().id("ECR001")
                .reason("third-party chart overwrites its tags").build());
        Repository other = Repository.Builder.create(stack, "Other").imageScanOnPush(true).build();
        assertThatThrownBy(app::synth).hasMessageContaining("Registry/Other").hasMessageNotContaining("Registry/Accepted ");
        assertThat(reported("violations")).containsExactly("ECR001 error Registry/Other");
        assertThat(other).isNotNull();
    }

    @Test
    void anAcknowledgementWithThePluginPrefixCannotHideOtherRepositories() throws Exception {
        App app = appWithPlugin();
        Stack stack = new Stack(app, "Registry");
        Repository accepted = Repository.Builder.create(stack, "Accepted").imageScanOnPush(true).build();
        // aws-cdk-lib applies a plugin acknowledgement to every violation of that id; the plugin names each
        // violation for its construct (ECR001@Registry/Other), so ecr-guard::ECR001 matches none, and the plugin
        // scopes it to the acknowledging construct
        Validations.of(accepted).acknowledge(Acknowledgment.builder().id("ecr-guard::ECR001")
                .reason("third-party chart overwrites its tags").build());
        Repository.Builder.create(stack, "Other").imageScanOnPush(true).build();
        assertThatThrownBy(app::synth).hasMessageContaining("Registry/Other")
                .hasMessageContaining("Acknowledge with 'ecr-guard::ECR001@Registry/Other'");
        assertThat(reported("violations")).containsExactly("ECR001 error Registry/Other");
    }

    @Test
    void onlyTheAcknowledgedRuleIsAccepted() throws Exception {
        App app = appWithPlugin();
        Stack stack = new Stack(app, "Registry");
        Repository repo = new Repository(stack, "Repo");
        Validations.of(stack).acknowledge(Acknowledgment.builder().id("ECR001").reason("legacy stack, see ADR-12")
                .build());
        app.synth(); // ECR001 accepted for the whole stack; ECR003 is a warning, reported, not failing
        assertThat(reported("violations")).containsExactly("ECR003 warning Registry/Repo");
        assertThat(repo).isNotNull();
    }

    @Test
    void failOnAndReportAtOrAboveAreOptions() throws Exception {
        App app = TestApps.app(out);
        Validations.of(app).addPlugins(EcrGuardPlugin.Builder.create().failOn("warning").reportAtOrAbove("note")
                .build());
        Stack stack = new Stack(app, "Registry");
        new ImmutableRepository(stack, "Web", ImmutableRepositoryProps.builder().floatingTags(List.of("latest"))
                .imageScanOnPush(false).build());
        assertThatThrownBy(app::synth).hasMessageContaining("ECR003");
        assertThat(reported("violations")).containsExactlyInAnyOrder("ECR002 info Registry/Web",
                "ECR003 warning Registry/Web");
        assertThatThrownBy(() -> EcrGuardPlugin.Builder.create().failOn("fatal"))
                .hasMessageContaining("use error, warning, note or never");
    }

    @Test
    void describesItself() {
        EcrGuardPlugin plugin = new EcrGuardPlugin();
        assertThat(plugin.getName()).isEqualTo("ecr-guard");
        assertThat(plugin.getRuleIds()).contains("ECR001", "ECR008");
        assertThat(plugin.getVersion()).isNotBlank();
    }
}
