package dev.ecrguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.RepositoryEncryption;
import software.amazon.awscdk.services.ecr.TagStatus;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;

class ImmutableRepositoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private static JsonNode repository(Template template) {
        Map<String, Map<String, Object>> repos = template.findResources("AWS::ECR::Repository");
        assertThat(repos).hasSize(1);
        return JSON.valueToTree(repos.values().iterator().next());
    }

    @Test
    void defaultsAreTheSafeOnes() {
        Stack stack = TestApps.stack(out);
        new ImmutableRepository(stack, "Images");
        JsonNode repo = repository(Template.fromStack(stack));
        JsonNode props = repo.get("Properties");

        assertThat(props.get("ImageTagMutability").asText()).isEqualTo("IMMUTABLE");
        assertThat(props.has("ImageTagMutabilityExclusionFilters")).isFalse();
        assertThat(props.at("/ImageScanningConfiguration/ScanOnPush").asBoolean()).isTrue();
        assertThat(repo.get("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(repo.get("UpdateReplacePolicy").asText()).isEqualTo("Retain");
        // never emptied on delete: no EmptyOnDelete, no auto-delete custom resource
        assertThat(props.has("EmptyOnDelete")).isFalse();
        assertThat(Template.fromStack(stack).findResources("Custom::ECRAutoDeleteImages")).isEmpty();
        // AES-256: aws-cdk-lib leaves EncryptionConfiguration out for AES256, which is ECR's AES-256 default
        assertThat(props.path("EncryptionConfiguration").path("EncryptionType").asText("AES256")).isEqualTo("AES256");
        assertThat(props.path("EncryptionConfiguration").has("KmsKey")).isFalse();
        // no image is ever expired by default (UntaggedExpiryTest)
        assertThat(props.has("LifecyclePolicy")).isFalse();

        EcrGuardAssertions.assertThat(stack).hasNoFindings();
    }

    private static JsonNode lifecyclePolicy(JsonNode props) {
        try {
            return JSON.readTree(props.at("/LifecyclePolicy/LifecyclePolicyText").asText());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void isAnIRepositoryWithUriArnAndGrants() {
        Stack stack = TestApps.stack(out);
        IRepository repo = ImmutableRepository.Builder.create(stack, "Images").repositoryName("api").build();
        Role role = Role.Builder.create(stack, "Task").assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .build();
        repo.grantPull(role);
        assertThat(repo.getRepositoryUri()).isNotBlank();
        assertThat(repo.getRepositoryArn()).isNotBlank();
        assertThat(repo.getRepositoryName()).isNotBlank();

        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::ECR::Repository", Map.of("RepositoryName", "api"));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
                                "ecr:BatchGetImage")))))))));
    }

    @Test
    void floatingTagsMakeItImmutableWithExclusion() {
        Stack stack = TestApps.stack(out);
        new ImmutableRepository(stack, "Images", ImmutableRepositoryProps.builder()
                .floatingTags(List.of("latest", "dev-*")).build());
        Template.fromStack(stack).hasResourceProperties("AWS::ECR::Repository", Map.of(
                "ImageTagMutability", "IMMUTABLE_WITH_EXCLUSION",
                "ImageTagMutabilityExclusionFilters", List.of(
                        Map.of("ImageTagMutabilityExclusionFilterType", "WILDCARD",
                                "ImageTagMutabilityExclusionFilterValue", "latest"),
                        Map.of("ImageTagMutabilityExclusionFilterType", "WILDCARD",
                                "ImageTagMutabilityExclusionFilterValue", "dev-*"))));
        // the floating tags are a note (ECR002), never an error
        EcrGuardAssertions.assertThat(stack).hasNoFindingsAtOrAbove("warning").hasFinding("ECR002", "Registry/Images");
    }

    @Test
    void aKeyMeansKms() {
        Stack stack = TestApps.stack(out);
        Key key = new Key(stack, "Key");
        new ImmutableRepository(stack, "Images", ImmutableRepositoryProps.builder().encryptionKey(key).build());
        JsonNode enc = repository(Template.fromStack(stack)).at("/Properties/EncryptionConfiguration");
        assertThat(enc.get("EncryptionType").asText()).isEqualTo("KMS");
        assertThat(enc.at("/KmsKey/Fn::GetAtt/0").asText()).startsWith("Key");
    }

    @Test
    void kmsWithoutAKeyUsesTheAwsManagedKey() {
        Stack stack = TestApps.stack(out);
        new ImmutableRepository(stack, "Images", ImmutableRepositoryProps.builder()
                .encryption(RepositoryEncryption.KMS).build());
        JsonNode enc = repository(Template.fromStack(stack)).at("/Properties/EncryptionConfiguration");
        assertThat(enc.get("EncryptionType").asText()).isEqualTo("KMS");
        assertThat(enc.has("KmsKey")).isFalse();
    }

    @Test
    void lifecycleIsConfigurable() {
        Stack stack = TestApps.stack(out);
        new ImmutableRepository(stack, "Short", ImmutableRepositoryProps.builder()
                .expireUntaggedImagesAfter(Duration.days(3))
                .lifecycleRules(List.of(LifecycleRule.builder().tagPrefixList(List.of("pr-")).maxImageCount(10)
                        .tagStatus(TagStatus.TAGGED).build()))
                .build());
        new ImmutableRepository(stack, "Keep");
        Map<String, Map<String, Object>> repos = Template.fromStack(stack).findResources("AWS::ECR::Repository");
        JsonNode shortRepo = JSON.valueToTree(repos.entrySet().stream().filter(e -> e.getKey().startsWith("Short"))
                .findFirst().orElseThrow().getValue());
        JsonNode keepRepo = JSON.valueToTree(repos.entrySet().stream().filter(e -> e.getKey().startsWith("Keep"))
                .findFirst().orElseThrow().getValue());

        JsonNode rules = lifecyclePolicy(shortRepo.get("Properties")).get("rules");
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).at("/selection/tagStatus").asText()).isEqualTo("untagged");
        assertThat(rules.get(0).at("/selection/countNumber").asInt()).isEqualTo(3);
        assertThat(rules.get(1).at("/selection/tagPrefixList/0").asText()).isEqualTo("pr-");
        assertThat(keepRepo.at("/Properties/LifecyclePolicy").isMissingNode()).isTrue();
    }

    @Test
    void scanOnPushAndRemovalPolicyAreConfigurable() {
        Stack stack = TestApps.stack(out);
        new ImmutableRepository(stack, "Images", ImmutableRepositoryProps.builder()
                .imageScanOnPush(false).removalPolicy(RemovalPolicy.DESTROY).build());
        JsonNode repo = repository(Template.fromStack(stack));
        assertThat(repo.at("/Properties/ImageScanningConfiguration/ScanOnPush").asBoolean(true)).isFalse();
        assertThat(repo.get("DeletionPolicy").asText()).isEqualTo("Delete");
        assertThat(repo.at("/Properties/EmptyOnDelete").isMissingNode()).isTrue();
        EcrGuardAssertions.assertThat(stack).hasFinding("ECR003").hasNoFindingsAtOrAbove("error");
    }

    @Test
    void mutableOnlyWithAReasonAndItIsAcknowledged() {
        Stack stack = TestApps.stack(out);
        ImmutableRepository repo = new ImmutableRepository(stack, "Cache", ImmutableRepositoryProps.builder()
                .mutableTagsReason("BuildKit cache: every CI run overwrites the cache tag").build());
        JsonNode resource = repository(Template.fromStack(stack));
        assertThat(resource.at("/Properties/ImageTagMutability").asText()).isEqualTo("MUTABLE");
        assertThat(resource.at("/Metadata/ecr-guard/waivers/0/rule").asText()).isEqualTo("ECR001");
        assertThat(resource.at("/Metadata/ecr-guard/waivers/0/reason").asText())
                .isEqualTo("BuildKit cache: every CI run overwrites the cache tag");
        // CDK's own record of the acknowledgement, on the construct
        assertThat(repo.getNode().getMetadata()).anySatisfy(m -> {
            assertThat(m.getType()).isEqualTo("aws:cdk:acknowledged-rules");
            assertThat(JSON.valueToTree(m.getData()).get("Annotation::ECR001").asText())
                    .isEqualTo("BuildKit cache: every CI run overwrites the cache tag");
        });
        EcrGuardAssertions.assertThat(stack).hasNoFindings().hasWaived("ECR001");
    }

    @Test
    void validatesTheReason() {
        Stack stack = TestApps.stack(out);
        assertThatThrownBy(() -> new ImmutableRepository(stack, "A", ImmutableRepositoryProps.builder()
                .mutableTagsReason("  because ").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ImmutableRepository Registry/A")
                .hasMessageContaining("mutableTagsReason must say why");
        assertThatThrownBy(() -> new ImmutableRepository(stack, "B", ImmutableRepositoryProps.builder()
                .mutableTagsReason("a reason that is long enough").floatingTags(List.of("latest")).build()))
                .hasMessageContaining("set floatingTags or mutableTagsReason, not both");
    }

    @Test
    void validatesFloatingTagsWithMessagesThatSayHowToFix() {
        Stack stack = TestApps.stack(out);
        assertInvalid(stack, List.of(), "floatingTags has 0 filters; ECR accepts 1 to 5",
                "Leave floatingTags unset");
        assertInvalid(stack, List.of("a", "b", "c", "d", "e", "f"), "floatingTags has 6 filters",
                "Merge filters with a wildcard");
        assertInvalid(stack, List.of("latest", "dev/*"), "'dev/*' contains '/'", "use only letters, digits");
        assertInvalid(stack, List.of("x".repeat(129)), "129 characters long; ECR accepts at most 128",
                "Shorten it");
        assertInvalid(stack, List.of("*"), "'*' matches every tag", "Name the tags that may move");
        assertInvalid(stack, List.of("latest", "**"), "'**' matches every tag", "mutableTagsReason");
        assertInvalid(stack, Arrays.asList("latest", null), "empty filter", "such as 'latest'");
        assertInvalid(stack, List.of(""), "empty filter", "such as 'latest'");
        assertInvalid(stack, List.of("latest", "latest"), "listed twice", "list each filter once");
        // the limits themselves are fine
        new ImmutableRepository(stack, "Five", ImmutableRepositoryProps.builder()
                .floatingTags(List.of("a", "b*", "c.d", "e_f", "x".repeat(128))).build());
    }

    private static void assertInvalid(Stack stack, List<String> tags, String what, String fix) {
        assertThatThrownBy(() -> new ImmutableRepository(stack, "Invalid", ImmutableRepositoryProps.builder()
                .floatingTags(tags).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ImmutableRepository Registry/Invalid: ")
                .hasMessageContaining(what)
                .hasMessageContaining(fix);
    }

    @Test
    void validatesEncryptionAndLifecycleOptions() {
        Stack stack = TestApps.stack(out);
        Key key = new Key(stack, "Key");
        assertThatThrownBy(() -> new ImmutableRepository(stack, "A", ImmutableRepositoryProps.builder()
                .encryption(RepositoryEncryption.AES_256).encryptionKey(key).build()))
                .hasMessageContaining("encryption is AES_256 but an encryptionKey is given");
    }
}
