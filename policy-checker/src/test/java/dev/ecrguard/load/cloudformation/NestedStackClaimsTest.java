package dev.ecrguard.load.cloudformation;

import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.loadOk;
import static dev.ecrguard.load.LoadSupport.repo;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.load.LoadResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a plain folder scan, a template that another template names as its nested stack can still be deployed on its own:
 * it is judged both ways, so a small decoy parent that passes an immutable value cannot hide its own defaults.
 */
class NestedStackClaimsTest {
    /** The decoy: six lines that claim the real template as a nested stack and pass it IMMUTABLE. */
    private static final String DECOY_PARENT = """
            Resources:
              Claim:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: registry.yaml
                  Parameters: {TagMode: IMMUTABLE}
            """;
    private static final String REGISTRY = """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: Build images for the payments service
            Parameters:
              TagMode:
                Type: String
                Default: MUTABLE
                AllowedValues: [MUTABLE, IMMUTABLE]
            Resources:
              PaymentsRepo:
                Type: AWS::ECR::Repository
                Properties:
                  RepositoryName: payments
                  ImageTagMutability: !Ref TagMode
                  ImageScanningConfiguration:
                    ScanOnPush: true
            """;

    @TempDir
    Path dir;

    @Test
    void aClaimedTemplateIsAlsoJudgedOnItsOwnInAFolderScan() {
        write(dir, "a-decoy.yaml", DECOY_PARENT);
        write(dir, "registry.yaml", REGISTRY);

        LoadResult scanned = loadOk(dir);

        assertThat(repositoryIds(scanned)).containsExactlyInAnyOrder("registry.yaml/PaymentsRepo", "PaymentsRepo");
        assertThat(describe(repo(scanned, "registry.yaml/PaymentsRepo").tagMutability()))
                .as("as the decoy's nested stack").isEqualTo("known:IMMUTABLE");
        assertThat(describe(repo(scanned, "PaymentsRepo").tagMutability()))
                .as("deployed alone, with its own Default").isEqualTo("known:MUTABLE");
        assertThat(scanned.skipped).isEmpty();
        assertThat(scanned.loaded).containsExactly(dir.resolve("a-decoy.yaml").toString(),
                dir.resolve("registry.yaml").toString());
    }

    @Test
    void theOrderInWhichTheFilesAreReadDoesNotMatter() {
        Path parent = write(dir, "z-parent.yaml", DECOY_PARENT.replace("registry.yaml", "nested/registry.yaml"));
        Path child = write(dir, "nested/registry.yaml", REGISTRY);

        for (LoadResult result : new LoadResult[] {loadOk(child, parent), loadOk(parent, child), loadOk(dir)}) {
            assertThat(repositoryIds(result))
                    .containsExactlyInAnyOrder("nested/registry.yaml/PaymentsRepo", "PaymentsRepo");
            assertThat(describe(repo(result, "PaymentsRepo").tagMutability())).isEqualTo("known:MUTABLE");
        }
    }

    @Test
    void commandLineParametersApplyToTheTemplateOnItsOwnNotToWhatTheParentPasses() {
        write(dir, "a-decoy.yaml", DECOY_PARENT.replace("{TagMode: IMMUTABLE}", "{TagMode: MUTABLE}"));
        write(dir, "registry.yaml", REGISTRY);

        LoadResult result = loadOk(Map.of("TagMode", "IMMUTABLE"), dir);

        assertThat(describe(repo(result, "PaymentsRepo").tagMutability())).isEqualTo("known:IMMUTABLE");
        assertThat(describe(repo(result, "registry.yaml/PaymentsRepo").tagMutability())).isEqualTo("known:MUTABLE");
    }
}
