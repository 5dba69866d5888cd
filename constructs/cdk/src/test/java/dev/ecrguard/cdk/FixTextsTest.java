package dev.ecrguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.Checker;
import dev.ecrguard.engine.Platform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.ecr.Repository;

/** The aspect says how to fix each finding in a Java CDK app, in the words of the rule's METADATA (custom.fix.cdk). */
class FixTextsTest {
    @TempDir
    Path out;

    private static String cdkFix(String rule) {
        return Checker.shared().catalog().fix(rule, Platform.CDK);
    }

    private static List<String> texts(List<SynthesisMessage> messages) {
        return messages.stream().map(m -> String.valueOf(m.getEntry().getData())).toList();
    }

    @Test
    void errorsAndWarningsCarryTheRulesCdkFix() {
        App app = TestApps.app(out);
        EcrGuardAspect.applyTo(app);
        Stack stack = new Stack(app, "Registry");
        new Repository(stack, "Legacy");

        Annotations annotations = Annotations.fromStack(stack);
        assertThat(texts(annotations.findError("/Registry/Legacy/Resource", Match.anyValue())))
                .anySatisfy(text -> assertThat(text).startsWith("[ecr-guard ECR001]")
                        .contains(" Fix: " + cdkFix("ECR001")));
        assertThat(texts(annotations.findWarning("/Registry/Legacy/Resource", Match.anyValue())))
                .anySatisfy(text -> assertThat(text).startsWith("[ecr-guard ECR003]")
                        .contains(" Fix: " + cdkFix("ECR003")));
    }
}
