package dev.ecrguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecrguard.Checker;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.waivers.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ecr.Repository;

/**
 * One voice: with the plugin and the aspect both on, each finding is reported once; acknowledgement ids are read
 * by the checker's parser; and the id CDK's report suggests accepts the rule for that construct only, in the
 * plugin and in {@code ecr-guard check cdk.out} alike.
 */
class OneVoiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUGGESTED = Pattern.compile("Acknowledge with '([^']+)'");

    @TempDir
    Path out;

    /** An app with the plugin, and the path metadata the CDK CLI turns on, which ecr-guard check cdk.out reads. */
    private App app(Path outdir) {
        App app = App.Builder.create().outdir(outdir.toString()).context(Map.of("@aws-cdk/core:appMode", "inmemory",
                "aws:cdk:enable-path-metadata", true)).build();
        EcrGuardPlugin.addTo(app);
        return app;
    }

    /** Every ecr-guard violation in validation-report.json, as "ruleName severity constructPath". */
    private static List<String> violations(Path outdir) throws IOException {
        JsonNode report = JSON.readTree(Files.readString(outdir.resolve("validation-report.json")));
        List<String> found = new ArrayList<>();
        for (JsonNode plugin : report.get("pluginReports")) {
            for (JsonNode v : plugin.path("violations")) {
                for (JsonNode c : v.get("violatingConstructs")) {
                    found.add(plugin.get("pluginName").asText() + " " + v.get("ruleName").asText() + " "
                            + v.get("severity").asText() + " " + c.get("constructPath").asText());
                }
            }
        }
        return found;
    }

    private static long filesMentioning(Path dir, String text) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.readString(f).contains(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).count();
        }
    }

    @Test
    void withThePluginAndTheAspectEachFindingIsReportedOnce() throws Exception {
        App app = app(out);
        Stack stack = new Stack(app, "Registry");
        new ImmutableRepository(stack, "Api");
        new Repository(stack, "Legacy");
        EcrGuardAspect.applyTo(app);

        assertThatThrownBy(app::synth).satisfies(e -> {
            String report = e.getMessage().split("@jsii/kernel", 2)[0];
            assertThat(report.split("ImageTagMutability is not set", -1)).hasSize(2);
        });
        assertThat(violations(out)).containsExactlyInAnyOrder(
                "ecr-guard ECR001@Registry/Legacy error Registry/Legacy",
                "ecr-guard ECR003@Registry/Legacy warning Registry/Legacy");
        // the aspect wrote no annotation into the assembly: no second copy for the CLI or the annotations report
        assertThat(filesMentioning(out, "[ecr-guard ")).isZero();
    }

    @Test
    void theAspectAloneStillAnnotates() throws Exception {
        App app = TestApps.app(out);
        Stack stack = new Stack(app, "Registry");
        Repository.Builder.create(stack, "Legacy").imageScanOnPush(true).build();
        EcrGuardAspect.applyTo(app);
        app.synth();
        assertThat(filesMentioning(out, "[ecr-guard ECR001]")).isPositive();
    }

    @Test
    void theIdCdkSuggestsAcceptsTheRuleForThatConstructOnlyInThePluginAndTheCli() throws Exception {
        // first synth: read the id CDK's report suggests for Legacy
        Path first = out.resolve("first");
        App before = app(first);
        Stack s1 = new Stack(before, "Registry");
        Repository.Builder.create(s1, "Legacy").imageScanOnPush(true).build();
        Repository.Builder.create(s1, "Other").imageScanOnPush(true).build();
        String message = catchMessage(before);
        List<String> suggested = new ArrayList<>();
        Matcher m = SUGGESTED.matcher(message.split("@jsii/kernel", 2)[0]);
        while (m.find()) {
            suggested.add(m.group(1));
        }
        assertThat(suggested).containsExactlyInAnyOrder("ecr-guard::ECR001@Registry/Legacy",
                "ecr-guard::ECR001@Registry/Other");

        // second synth: follow the suggestion, recorded on the stack (CDK itself matches the id wherever it is made)
        Path second = out.resolve("second");
        App after = app(second);
        Stack s2 = new Stack(after, "Registry");
        Repository.Builder.create(s2, "Legacy").imageScanOnPush(true).build();
        Repository.Builder.create(s2, "Other").imageScanOnPush(true).build();
        Validations.of(s2).acknowledge(Acknowledgment.builder().id("ecr-guard::ECR001@Registry/Legacy")
                .reason("vendor chart retags until Q3").build());
        assertThatThrownBy(after::synth).hasMessageContaining("Registry/Other");
        assertThat(violations(second)).containsExactly("ecr-guard ECR001@Registry/Other error Registry/Other");

        // ecr-guard check cdk.out reads the same id the same way
        Result result = new Checker().check(List.of(second.toString()), Map.of(), null);
        assertThat(result.inputs().errors).isEmpty();
        assertThat(result.findings()).extracting(Finding::ruleId, Finding::constructPath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ECR001", "Registry/Other"));
        assertThat(result.waived()).singleElement().satisfies(w -> {
            assertThat(w.finding().constructPath()).isEqualTo("Registry/Legacy");
            assertThat(w.reason()).isEqualTo("vendor chart retags until Q3");
        });
    }

    @Test
    void theAspectAloneReadsTheSuggestedIdAsThePluginDoes() throws Exception {
        App app = TestApps.app(out);
        Stack stack = new Stack(app, "Registry");
        Repository.Builder.create(stack, "Legacy").imageScanOnPush(true).build();
        Repository.Builder.create(stack, "Other").imageScanOnPush(true).build();
        // recorded on a construct that is not Legacy's parent: the id names the construct it covers
        Validations.of(new software.constructs.Construct(stack, "Exceptions")).acknowledge(Acknowledgment.builder()
                .id("ecr-guard::ECR001@Registry/Legacy").reason("vendor chart retags until Q3").build());
        EcrGuardAspect.applyTo(app);
        software.amazon.awscdk.assertions.Annotations annotations =
                software.amazon.awscdk.assertions.Annotations.fromStack(stack);
        annotations.hasNoError("/Registry/Legacy/Resource", software.amazon.awscdk.assertions.Match.anyValue());
        annotations.hasError("/Registry/Other/Resource",
                software.amazon.awscdk.assertions.Match.stringLikeRegexp("\\[ecr-guard ECR001\\].*"));
    }

    @Test
    void thePluginAcceptsTheIdsTheCliAccepts() throws Exception {
        App app = app(out);
        Stack stack = new Stack(app, "Registry");
        Repository legacy = Repository.Builder.create(stack, "Legacy").imageScanOnPush(true).build();
        Validations.of(legacy).acknowledge(Acknowledgment.builder().id("Ecr-Guard::ECR001")
                .reason("vendor chart retags until Q3").build());
        app.synth();
        assertThat(violations(out)).isEmpty();
        Result result = new Checker().check(List.of(out.toString()), Map.of(), null);
        assertThat(result.findings()).isEmpty();
        assertThat(result.waived()).extracting(w -> w.finding().ruleId()).containsExactly("ECR001");
    }

    private static String catchMessage(App app) {
        try {
            app.synth();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("synth passed, but Legacy and Other are mutable");
    }
}
