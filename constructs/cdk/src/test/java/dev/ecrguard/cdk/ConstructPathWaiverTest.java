package dev.ecrguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.Repository;
import software.constructs.Construct;

/**
 * A waiver glob in .ecr-guard.yaml matches the construct path of a CDK resource as well as its id, and the text
 * report names the construct path beside the logical id: on a real synthesized cdk.out, through the CLI.
 */
class ConstructPathWaiverTest {
    @TempDir
    Path dir;

    @Test
    void aWaiverGlobOnTheConstructPathWaivesAndTheTextReportNamesTheConstruct() throws Exception {
        Path out = dir.resolve("cdk.out");
        // the CDK CLI's path metadata (aws:cdk:path), from which the checker knows the construct paths
        App app = App.Builder.create().outdir(out.toString()).context(Map.of("aws:cdk:enable-path-metadata", true))
                .build();
        Stack stack = new Stack(app, "Registry");
        Repository.Builder.create(new Construct(stack, "Legacy"), "Scratch").imageScanOnPush(true).build();
        Repository.Builder.create(stack, "Other").imageScanOnPush(true).build();
        app.synth();
        Path waivers = Files.writeString(dir.resolve(".ecr-guard.yaml"), """
                waivers:
                  - rule: ECR001
                    resource: "Registry/Legacy/*"
                    reason: "legacy images are retagged until the move to digests"
                """);

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"check", "--waivers", waivers.toString(), out.toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String text = stdout.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(text).isEqualTo(1); // Other is not waived
        assertThat(text).containsPattern("waived ECR001 Registry/LegacyScratch\\w+ \\(construct Registry/Legacy/Scratch\\):"
                + " .*\\(waived: legacy images are retagged until the move to digests\\)");
        assertThat(text).containsPattern("error ECR001 Registry/Other\\w+ \\(construct Registry/Other\\): ");
        assertThat(text).doesNotContainPattern("error ECR001 Registry/LegacyScratch");
    }
}
