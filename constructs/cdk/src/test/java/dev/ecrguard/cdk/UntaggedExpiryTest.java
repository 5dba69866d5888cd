package dev.ecrguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** Untagged-image expiry is opt-in: by default no lifecycle rule can delete an image deployed by digest. */
class UntaggedExpiryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private static JsonNode properties(Stack stack) {
        Map<String, Map<String, Object>> repos = Template.fromStack(stack).findResources("AWS::ECR::Repository");
        assertThat(repos).hasSize(1);
        return JSON.valueToTree(repos.values().iterator().next()).get("Properties");
    }

    @Test
    void byDefaultNoLifecyclePolicyIsWritten() {
        Stack stack = TestApps.stack(out);
        new ImmutableRepository(stack, "Images");
        assertThat(properties(stack).has("LifecyclePolicy")).isFalse();
    }

    @Test
    void expireUntaggedImagesAfterWritesOneRuleForUntaggedImagesOnly() throws Exception {
        Stack stack = TestApps.stack(out);
        ImmutableRepository.Builder.create(stack, "Images").expireUntaggedImagesAfter(Duration.days(30)).build();
        JsonNode policy = JSON.readTree(properties(stack).at("/LifecyclePolicy/LifecyclePolicyText").asText());
        assertThat(policy.get("rules")).hasSize(1);
        JsonNode rule = policy.get("rules").get(0);
        assertThat(rule.at("/selection/tagStatus").asText()).isEqualTo("untagged");
        assertThat(rule.at("/selection/countType").asText()).isEqualTo("sinceImagePushed");
        assertThat(rule.at("/selection/countUnit").asText()).isEqualTo("days");
        assertThat(rule.at("/selection/countNumber").asInt()).isEqualTo(30);
        assertThat(rule.at("/action/type").asText()).isEqualTo("expire");
        assertThat(rule.get("description").asText()).isEqualTo("Expire untagged images 30 days after push");
    }

    @Test
    void anExpiryThatIsNotWholeDaysIsRefusedAtConstruction() {
        Stack stack = TestApps.stack(out);
        assertThatThrownBy(() -> new ImmutableRepository(stack, "Hours", ImmutableRepositoryProps.builder()
                .expireUntaggedImagesAfter(Duration.hours(36)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ImmutableRepository Registry/Hours")
                .hasMessageContaining("expireUntaggedImagesAfter must be a whole number of days, 1 or more");
        assertThatThrownBy(() -> new ImmutableRepository(stack, "Zero", ImmutableRepositoryProps.builder()
                .expireUntaggedImagesAfter(Duration.days(0)).build()))
                .hasMessageContaining("expireUntaggedImagesAfter must be a whole number of days, 1 or more");
    }
}
