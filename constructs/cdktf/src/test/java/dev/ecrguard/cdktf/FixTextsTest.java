package dev.ecrguard.cdktf;

import static dev.ecrguard.cdktf.Stacks.stack;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.ecr_repository.EcrRepository;
import dev.ecrguard.Checker;
import dev.ecrguard.engine.Platform;
import dev.ecrguard.engine.Severity;
import org.junit.jupiter.api.Test;

/** The synth check says how to fix each finding in CDKTF, in the words of the rule's METADATA (custom.fix.cdktf). */
class FixTextsTest {
    private static String cdktfFix(String rule) {
        return Checker.shared().catalog().fix(rule, Platform.CDKTF);
    }

    @Test
    void aMutableRepositoryFailsSynthWithTheRulesCdktfFix() {
        TerraformStack stack = stack();
        EcrRepository.Builder.create(stack, "scratch").name("scratch").imageTagMutability("MUTABLE").build();
        EcrGuard.enforce(stack);

        assertThatThrownBy(() -> Testing.fullSynth(stack))
                .hasMessageContaining("ecr-guard ECR001 (error)")
                .hasMessageContaining(" Fix: " + cdktfFix("ECR001"));
    }

    @Test
    void everyRuleThatFailsSynthSaysHowToFixIt() {
        // Unscanned, images deleted with it: warnings, which fail synth with failOn WARNING. Before the fixes
        // came from the rules, only ECR001, ECR005 and ECR006 said how to fix them.
        TerraformStack stack = stack();
        EcrRepository.Builder.create(stack, "scratch").name("scratch").imageTagMutability("IMMUTABLE")
                .forceDelete(true).build();
        EcrGuard.enforce(stack, Severity.WARNING);

        assertThatThrownBy(() -> Testing.fullSynth(stack))
                .hasMessageContaining("ecr-guard ECR003 (warning)")
                .hasMessageContaining(" Fix: " + cdktfFix("ECR003"))
                .hasMessageContaining("ecr-guard ECR007 (warning)")
                .hasMessageContaining(" Fix: " + cdktfFix("ECR007"));
    }
}
