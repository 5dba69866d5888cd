package dev.ecrguard.cdktf;

import static dev.ecrguard.cdktf.Stacks.stack;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.hashicorp.cdktf.TerraformStack;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Props are validated when the construct is created, with messages that say how to fix them. */
class ValidationTest {
    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("six filters", (UnaryOperator<ImmutableEcrRepositoryProps.Builder>) b ->
                        b.floatingTags("a", "b", "c", "d", "e", "f"), "has 6 filters; ECR accepts 1 to 5"),
                Arguments.of("a space", op(b -> b.floatingTags("lat est")),
                        "floating tag filter 'lat est' contains ' ', which ECR does not allow"),
                Arguments.of("a slash", op(b -> b.floatingTags("release/1")), "'release/1' contains '/'"),
                Arguments.of("empty filter", op(b -> b.floatingTags("")), "floatingTags contains an empty filter"),
                Arguments.of("129 characters", op(b -> b.floatingTags("a".repeat(129))), "is 129 characters long; ECR accepts at most 128"),
                Arguments.of("only *", op(b -> b.floatingTags("*")), "'*' matches every tag, so every tag could be overwritten"),
                Arguments.of("only **", op(b -> b.floatingTags("latest", "**")), "'**' matches every tag"),
                Arguments.of("three *", op(b -> b.floatingTags("a*b*c*")), "has 3 '*' wildcards; at most 2 are accepted"),
                Arguments.of("duplicate", op(b -> b.floatingTags("latest", "latest")), "is listed twice"),
                Arguments.of("blank name", op(b -> b.repositoryName(" ")), "repositoryName is blank"),
                Arguments.of("expiry 0", op(b -> b.expireUntaggedImagesAfter(Duration.ZERO)),
                        "expireUntaggedImagesAfter must be a whole number of days, 1 or more"),
                Arguments.of("expiry 36 hours", op(b -> b.expireUntaggedImagesAfter(Duration.ofHours(36))),
                        "expireUntaggedImagesAfter must be a whole number of days, 1 or more (ECR lifecycle rules count in days), got PT36H"),
                Arguments.of("blank reason", op(b -> b.mutableTagsReason("  ")), "mutableTagsReason must say why"),
                Arguments.of("null reason", op(b -> b.mutableTagsReason(null)), "mutableTagsReason must say why"),
                Arguments.of("short reason", op(b -> b.mutableTagsReason("cache")),
                        "mutableTagsReason must say why this repository's tags must be overwritable (at least 10 characters)"),
                Arguments.of("mutable and floating", op(b -> b.mutableTagsReason("build cache, overwritten by CI").floatingTags("latest")),
                        "mutableTagsReason and floatingTags exclude each other"),
                Arguments.of("constraint without SET_ON_STACK", op(b -> b.floatingTags("latest").awsProviderVersion("~> 6.8")),
                        "awsProviderVersion \"~> 6.8\" is written only with awsProviderVersionMode(AwsProviderVersionMode.SET_ON_STACK)"));
    }

    private static UnaryOperator<ImmutableEcrRepositoryProps.Builder> op(UnaryOperator<ImmutableEcrRepositoryProps.Builder> f) {
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsAtConstruction(String name, UnaryOperator<ImmutableEcrRepositoryProps.Builder> change, String message) {
        TerraformStack stack = stack();
        ImmutableEcrRepositoryProps props = change.apply(ImmutableEcrRepositoryProps.builder().repositoryName("app")).build();
        assertThatThrownBy(() -> new ImmutableEcrRepository(stack, "Images", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ImmutableEcrRepository registry/Images: ")
                .hasMessageContaining(message);
    }

    @Test
    void acceptsTheLimits() {
        TerraformStack stack = stack();
        assertThatCode(() -> new ImmutableEcrRepository(stack, "Images", ImmutableEcrRepositoryProps.builder()
                .repositoryName("app")
                .floatingTags(List.of("latest", "dev-*", "*-rc*", "a".repeat(128), "v1.2_3-x"))
                .build())).doesNotThrowAnyException();
    }
}
