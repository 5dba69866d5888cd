package dev.ecrguard.waivers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one parser of CDK acknowledgement ids, shared by the CLI and the CDK plugin and aspect. */
class CdkAcknowledgementScopeTest {
    @Test
    void readsTheIdsCdkRecords() {
        assertThat(CdkAcknowledgements.parse("ECR001")).isEqualTo(new CdkAcknowledgements.Acknowledged("ECR001", null));
        assertThat(CdkAcknowledgements.parse("Annotation::ECR003").rule()).isEqualTo("ECR003");
        assertThat(CdkAcknowledgements.parse("annotation::ECR003").rule()).isEqualTo("ECR003");
        assertThat(CdkAcknowledgements.parse("ecr-guard::ECR001").rule()).isEqualTo("ECR001");
        assertThat(CdkAcknowledgements.parse("Ecr-Guard::ECR001").rule()).isEqualTo("ECR001");
    }

    @Test
    void anIdThatNamesItsConstructIsScopedToIt() {
        assertThat(CdkAcknowledgements.parse("ecr-guard::ECR001@Registry/Legacy"))
                .isEqualTo(new CdkAcknowledgements.Acknowledged("ECR001", "Registry/Legacy"));
        assertThat(CdkAcknowledgements.covers("Registry/Legacy", "Registry/Legacy/Resource")).isTrue();
        assertThat(CdkAcknowledgements.covers("Registry/Legacy", "Registry/Legacy")).isTrue();
        assertThat(CdkAcknowledgements.covers("Registry/Legacy", "Registry/LegacyOther")).isFalse();
        assertThat(CdkAcknowledgements.covers("Registry/Build-Cache", "Registry/Build Cache/Resource")).isTrue();
    }

    @Test
    void otherIdsAreNotEcrGuardRules() {
        assertThat(CdkAcknowledgements.parse("cdk-nag::AwsSolutions-ECR1")).isNull();
        assertThat(CdkAcknowledgements.parse("ecr-guard::ECR1")).isNull();
        assertThat(CdkAcknowledgements.parse("ecr-guard::ECR001@")).isNull();
        assertThat(CdkAcknowledgements.parse("ecr-guard::ECR001@/Registry/Legacy")).isNull();
        assertThat(CdkAcknowledgements.parse("ecr-guard::XYZ@Registry/Legacy")).isNull();
    }
}
