package dev.ecrguard.load.cloudformation;

import static dev.ecrguard.load.HostileInputs.assertOnlyError;
import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.image;
import static dev.ecrguard.load.LoadSupport.load;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.workload;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.load.HostileInputs;
import dev.ecrguard.load.LoadSupport;
import dev.ecrguard.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cycles and long chains of CloudFormation intrinsics and conditions end as an input error on their file. */
class ResolverDepthTest {
    private static final String REPO_YAML = "Resources:\n  R:\n    Type: AWS::ECR::Repository\n    Properties:\n";
    private static final String FINE = HostileInputs.FINE;

    @TempDir
    Path dir;

    // ---- CloudFormation: cycles and chains ----

    @Test
    void aFindInMapCycleIsAnInputErrorOnItsFile() {
        Path file = write(dir, "cycle.json", """
                {"Mappings": {"M": {"a": {"b": {"Fn::FindInMap": ["M", "a", "c"]}, "c": {"Fn::FindInMap": ["M", "a", "b"]}}}},
                 "Resources": {"R": {"Type": "AWS::ECR::Repository",
                   "Properties": {"ImageTagMutability": {"Fn::FindInMap": ["M", "a", "b"]}}}}}
                """);
        assertOnlyError(dir, file, null).contains("Fn::FindInMap M.a.").contains("refers to itself");
    }

    @Test
    void conditionsReferringToEachOtherAreAnInputError() {
        Path file = write(dir, "conditions.json", """
                {"Conditions": {"A": {"Fn::Not": [{"Condition": "B"}]}, "B": {"Condition": "A"}},
                 "Resources": {"R": {"Type": "AWS::ECR::Repository", "Condition": "A"}}}
                """);
        assertOnlyError(dir, file, null).contains("depends on itself");
    }

    @Test
    void aTwentyThousandLinkConditionChainIsAnInputError() {
        StringBuilder conditions = new StringBuilder("{\"C0\": {\"Fn::Equals\": [\"a\", \"a\"]}");
        for (int i = 1; i < 20_000; i++) {
            conditions.append(", \"C").append(i).append("\": {\"Condition\": \"C").append(i - 1).append("\"}");
        }
        Path file = write(dir, "chain.json", "{\"Conditions\": " + conditions + "}, \"Resources\": {\"R\": "
                + "{\"Type\": \"AWS::ECR::Repository\", \"Condition\": \"C19999\"}}}");
        assertOnlyError(dir, file, null).contains("more than " + CloudFormationResolver.MAX_DEPTH + " levels deep");
    }

    @Test
    void aChainOfAHundredConditionsIsStillEvaluated() {
        StringBuilder conditions = new StringBuilder("{\"C0\": {\"Fn::Equals\": [\"a\", \"b\"]}");
        for (int i = 1; i < 100; i++) {
            conditions.append(", \"C").append(i).append("\": {\"Condition\": \"C").append(i - 1).append("\"}");
        }
        Path file = write(dir, "chain.json", "{\"Conditions\": " + conditions + "}, \"Resources\": {\"R\": "
                + "{\"Type\": \"AWS::ECR::Repository\", \"Condition\": \"C99\"}, \"S\": {\"Type\": \"AWS::ECR::Repository\"}}}");
        assertThat(repositoryIds(LoadSupport.loadOk(file))).containsExactly("S");
    }

    @Test
    void aLongChainOfMappingsWithoutACycleIsAnInputErrorToo() {
        StringBuilder entries = new StringBuilder("\"k0\": \"IMMUTABLE\"");
        for (int i = 1; i <= 600; i++) {
            entries.append(", \"k").append(i).append("\": {\"Fn::FindInMap\": [\"M\", \"a\", \"k").append(i - 1)
                    .append("\"]}");
        }
        Path file = write(dir, "mappings.json", "{\"Mappings\": {\"M\": {\"a\": {" + entries + "}}}, "
                + "\"Resources\": {\"R\": {\"Type\": \"AWS::ECR::Repository\", \"Properties\": "
                + "{\"ImageTagMutability\": {\"Fn::FindInMap\": [\"M\", \"a\", \"k600\"]}}}}}");
        assertOnlyError(dir, file, null).contains("more than " + CloudFormationResolver.MAX_DEPTH + " levels deep");
    }

    @Test
    void theDepthCountsNestingNotHowManyConditionsAreEvaluated() {
        StringBuilder conditions = new StringBuilder();
        StringBuilder resources = new StringBuilder();
        for (int i = 0; i < 2 * CloudFormationResolver.MAX_DEPTH; i++) {
            conditions.append(i == 0 ? "" : ", ").append("\"C").append(i).append("\": {\"Fn::Equals\": [\"a\", \"a\"]}");
            resources.append(i == 0 ? "" : ", ").append("\"R").append(i)
                    .append("\": {\"Type\": \"AWS::ECR::Repository\", \"Condition\": \"C").append(i).append("\"}");
        }
        Path file = write(dir, "many.json", "{\"Conditions\": {" + conditions + "}, \"Resources\": {" + resources + "}}");
        assertThat(repositoryIds(LoadSupport.loadOk(file))).hasSize(2 * CloudFormationResolver.MAX_DEPTH);
    }
}
