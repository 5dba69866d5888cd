package dev.ecrguard.load;

import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.loadOk;
import static dev.ecrguard.load.LoadSupport.repo;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudFormation reads YAML 1.1: a plain {@code yes}/{@code no}/{@code on}/{@code off} (in any case) is a boolean, as
 * {@code true}/{@code false} are (rules.md). Quoted, they stay strings; {@code y}/{@code n} are not booleans.
 */
class Yaml11BooleansTest {
    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: Registry whose settings are written the YAML 1.1 way.
            Resources:
              ScannedRepo:
                Type: AWS::ECR::Repository
                Properties:
                  RepositoryName: scanned
                  ImageTagMutability: IMMUTABLE
                  ImageScanningConfiguration:
                    ScanOnPush: %s
                  EmptyOnDelete: %s
            """;

    @TempDir
    Path dir;

    @Test
    void yesNoOnOffInAnyCaseAreBooleans() {
        for (String[] written : new String[][] {{"off", "yes"}, {"Off", "YES"}, {"OFF", "Yes"}, {"oFf", "yEs"},
                {"no", "on"}, {"NO", "ON"}, {"No", "On"}, {"false", "true"}, {"False", "TRUE"}}) {
            Path file = write(dir, "registry.yaml", TEMPLATE.formatted(written[0], written[1]));
            LoadResult result = loadOk(file);
            assertThat(describe(repo(result, "ScannedRepo").scanOnPush())).as(written[0]).isEqualTo("known:false");
            assertThat(describe(repo(result, "ScannedRepo").forceDelete())).as(written[1]).isEqualTo("known:true");
        }
    }

    @Test
    void quotedOrSingleLetterTheyStayStrings() {
        LoadResult result = loadOk(write(dir, "registry.yaml", TEMPLATE.formatted("\"off\"", "y")));
        assertThat(describe(repo(result, "ScannedRepo").scanOnPush())).isEqualTo("known:off");
        assertThat(describe(repo(result, "ScannedRepo").forceDelete())).isEqualTo("known:y");
    }

    @Test
    void theRulesJudgeTheBooleansCloudFormationReads() throws Exception {
        Path off = write(dir, "off/registry.yaml", TEMPLATE.formatted("off", "yes"));
        Path on = write(dir, "on/registry.yaml", TEMPLATE.formatted("on", "no"));

        CliRun run = CliRun.run("check", "--format", "json", off.toString(), on.toString());

        assertThat(run.json().path("errors")).isEmpty();
        assertThat(run.json().path("findings").findValuesAsText("file")).allMatch(f -> f.equals(off.toString()));
        assertThat(run.findings()).contains("ECR003 ScannedRepo", "ECR007 ScannedRepo");
    }
}
