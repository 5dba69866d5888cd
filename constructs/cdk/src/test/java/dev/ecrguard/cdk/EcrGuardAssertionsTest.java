package dev.ecrguard.cdk;

import static dev.ecrguard.cdk.EcrGuardAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.Repository;

class EcrGuardAssertionsTest {
    @TempDir
    Path out;

    @Test
    void passesOnACleanStack() {
        Stack stack = TestApps.stack(out);
        new ImmutableRepository(stack, "Api");
        assertThat(stack).hasNoFindings().findings().isEmpty();
    }

    @Test
    void failsWithTheFindingsListed() {
        Stack stack = TestApps.stack(out);
        new ImmutableRepository(stack, "Api");
        NestedStack nested = new NestedStack(stack, "Inner");
        new Repository(nested, "Legacy");
        assertThat(stack).hasFinding("ECR001", "Registry/Inner/Legacy").hasFinding("ECR003");
        assertThatThrownBy(() -> assertThat(stack).hasNoFindingsAtOrAbove("error"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected stack Registry to have no ecr-guard findings at or above error")
                .hasMessageContaining("error ECR001 Registry/Inner/Legacy");
        assertThatThrownBy(() -> assertThat(stack).hasWaived("ECR001")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(stack).hasFinding("ECR007")).isInstanceOf(AssertionError.class);
    }
}
