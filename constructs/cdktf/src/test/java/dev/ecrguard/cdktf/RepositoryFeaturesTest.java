package dev.ecrguard.cdktf;

import static dev.ecrguard.cdktf.Stacks.only;
import static dev.ecrguard.cdktf.Stacks.stack;
import static dev.ecrguard.cdktf.Stacks.synth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the CDK construct has, the CDKTF one has too: KMS encryption, a pull policy, further lifecycle rules. */
class RepositoryFeaturesTest {
    private static ImmutableEcrRepositoryProps.Builder props() {
        return ImmutableEcrRepositoryProps.builder().repositoryName("app");
    }

    private static JsonNode repository(TerraformStack stack) {
        return only(synth(stack), "aws_ecr_repository").getValue();
    }

    @Test
    void aKeyMeansKmsWithThatKey() {
        TerraformStack stack = stack();
        KmsKey key = KmsKey.Builder.create(stack, "images").description("images").build();
        new ImmutableEcrRepository(stack, "Images", props().encryptionKey(key.getArn()).build());
        JsonNode enc = repository(stack).path("encryption_configuration");
        assertThat(enc).hasSize(1);
        assertThat(enc.get(0).path("encryption_type").asText()).isEqualTo("KMS");
        assertThat(enc.get(0).path("kms_key").asText()).isEqualTo("${aws_kms_key.images.arn}");
    }

    @Test
    void kmsWithoutAKeyUsesTheManagedKeyAndTheDefaultWritesNothing() {
        TerraformStack kms = stack();
        new ImmutableEcrRepository(kms, "Images", props().encryption(RepositoryEncryption.KMS).build());
        JsonNode enc = repository(kms).path("encryption_configuration").get(0);
        assertThat(enc.path("encryption_type").asText()).isEqualTo("KMS");
        assertThat(enc.has("kms_key")).isFalse();

        TerraformStack plain = stack();
        new ImmutableEcrRepository(plain, "Images", props().build());
        assertThat(repository(plain).has("encryption_configuration")).isFalse();
    }

    @Test
    void aes256WithAKeyIsRefused() {
        TerraformStack stack = stack();
        assertThatThrownBy(() -> new ImmutableEcrRepository(stack, "Images", props()
                .encryption(RepositoryEncryption.AES_256).encryptionKey("arn:aws:kms:eu-west-1:123456789012:key/x").build()))
                .hasMessageContaining("encryption is AES_256 but an encryptionKey is given");
    }

    @Test
    void grantPullWritesOneRepositoryPolicyForPrincipalsAndAccounts() throws Exception {
        TerraformStack stack = stack();
        IamRole task = IamRole.Builder.create(stack, "task").name("task").assumeRolePolicy("{}").build();
        ImmutableEcrRepository repo = new ImmutableEcrRepository(stack, "Images", props().build());
        repo.grantPull(task.getArn());
        repo.grantPullToAccounts("111122223333", "444455556666");

        JsonNode out = synth(stack);
        String repoId = only(out, "aws_ecr_repository").getKey();
        JsonNode policyResource = only(out, "aws_ecr_repository_policy").getValue();
        assertThat(policyResource.path("repository").asText()).isEqualTo("${aws_ecr_repository." + repoId + ".name}");
        JsonNode statement = Stacks.JSON.readTree(policyResource.path("policy").asText()).path("Statement").get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Action")).extracting(JsonNode::asText).containsExactly(
                "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage");
        assertThat(statement.path("Principal").path("AWS")).extracting(JsonNode::asText).containsExactly(
                "${aws_iam_role.task.arn}", "arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root");
        assertThat(repo.getRepositoryPolicy()).isNotNull();
    }

    @Test
    void grantPullRefusesWildcardsAndNonArns() {
        TerraformStack stack = stack();
        ImmutableEcrRepository repo = new ImmutableEcrRepository(stack, "Images", props().build());
        assertThatThrownBy(() -> repo.grantPull("*")).hasMessageContaining("never a wildcard");
        assertThatThrownBy(() -> repo.grantPull("arn:aws:iam::*:root")).hasMessageContaining("never a wildcard");
        assertThatThrownBy(() -> repo.grantPullToAccounts("1234")).hasMessageContaining("12-digit AWS account ids");
        assertThat(repo.getRepositoryPolicy()).isNull();
    }

    @Test
    void lifecycleRulesFollowTheUntaggedRuleInPriorityOrder() throws Exception {
        TerraformStack stack = stack();
        new ImmutableEcrRepository(stack, "Images", props().expireUntaggedImagesAfter(Duration.ofDays(30))
                .lifecycleRules(List.of(
                        LifecycleRule.builder().description("last 20 PR images").tagStatus(LifecycleRule.TagStatus.TAGGED)
                                .tagPrefixList(List.of("pr-")).maxImageCount(20).build(),
                        LifecycleRule.builder().maxImageAge(Duration.ofDays(365)).build()))
                .build());
        JsonNode rules = Stacks.JSON.readTree(only(synth(stack), "aws_ecr_lifecycle_policy").getValue()
                .path("policy").asText()).path("rules");
        assertThat(rules).hasSize(3);
        assertThat(rules.get(0).path("selection").path("tagStatus").asText()).isEqualTo("untagged");
        assertThat(rules.get(1).path("rulePriority").asInt()).isEqualTo(2);
        assertThat(rules.get(1).path("selection").path("tagPrefixList").get(0).asText()).isEqualTo("pr-");
        assertThat(rules.get(1).path("selection").path("countType").asText()).isEqualTo("imageCountMoreThan");
        assertThat(rules.get(1).path("selection").path("countNumber").asInt()).isEqualTo(20);
        assertThat(rules.get(2).path("rulePriority").asInt()).isEqualTo(3);
        assertThat(rules.get(2).path("selection").path("tagStatus").asText()).isEqualTo("any");
        assertThat(rules.get(2).path("selection").path("countNumber").asInt()).isEqualTo(365);
    }

    @Test
    void lifecycleRulesEcrWouldRejectAreRefusedAtConstruction() {
        TerraformStack stack = stack();
        LifecycleRule any = LifecycleRule.builder().maxImageCount(100).build();
        LifecycleRule tagged = LifecycleRule.builder().tagStatus(LifecycleRule.TagStatus.TAGGED).maxImageCount(5).build();
        assertThatThrownBy(() -> new ImmutableEcrRepository(stack, "A", props().lifecycleRules(List.of(any,
                LifecycleRule.builder().tagStatus(LifecycleRule.TagStatus.UNTAGGED).maxImageCount(1).build())).build()))
                .hasMessageContaining("lifecycleRules[0] selects ANY image, so ECR needs it last");
        assertThatThrownBy(() -> new ImmutableEcrRepository(stack, "B", props().lifecycleRules(List.of(tagged)).build()))
                .hasMessageContaining("lifecycleRules[0]: a TAGGED rule needs tagPrefixList or tagPatternList");
        assertThatThrownBy(() -> new ImmutableEcrRepository(stack, "C", props().lifecycleRules(List.of(
                LifecycleRule.builder().build())).build()))
                .hasMessageContaining("give exactly one of maxImageCount and maxImageAge");
    }
}
