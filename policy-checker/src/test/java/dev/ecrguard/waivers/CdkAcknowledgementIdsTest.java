package dev.ecrguard.waivers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecrguard.model.Waiver;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one parser of acknowledgement ids, shared by the checker (cdk.out) and the CDK constructs (synth). */
class CdkAcknowledgementIdsTest {
    @Test
    void aRuleIdBareOrWithTheAnnotationOrEcrGuardPrefixInAnyCase() {
        for (String id : List.of("ECR001", "Annotation::ECR001", "annotation::ECR001", "ecr-guard::ECR001",
                "ECR-Guard::ECR001")) {
            assertThat(Optional.ofNullable(CdkAcknowledgements.parse(id)).map(CdkAcknowledgements.Acknowledged::rule)).as(id).contains("ECR001");
        }
    }

    @Test
    void anotherToolsIdOrNoRuleIsNotOurs() {
        for (String id : List.of("cdk-nag::ECR001", "AwsSolutions-ECR1", "ECR01", "ecr001", "ECR0011", "",
                "Annotation::ecr-guard::ECR001", "::ECR001x")) {
            assertThat(Optional.ofNullable(CdkAcknowledgements.parse(id)).map(CdkAcknowledgements.Acknowledged::rule)).as(id).isEmpty();
        }
    }

    @Test
    void anAcknowledgementCoversItsConstructAndWhatIsBelowIt() throws Exception {
        var metadata = new ObjectMapper().readTree("""
                {"/App/Stack/Repos": [{"type": "aws:cdk:acknowledged-rules",
                                        "data": {"ecr-guard::ECR003": "scanned by the registry rule",
                                                 "cdk-nag::ECR001": "not ours", "ECR002": ""}}]}""");
        CdkAcknowledgements acks = CdkAcknowledgements.of(List.of(metadata));
        assertThat(acks.waiversFor("App/Stack/Repos/App/Resource"))
                .containsExactly(new Waiver("ECR003", "scanned by the registry rule"));
        assertThat(acks.waiversFor("App/Stack/Repos")).hasSize(1);
        assertThat(acks.waiversFor("App/Stack/ReposOther/Resource")).isEmpty();
        assertThat(acks.waiversFor(null)).isEmpty();
    }
}
