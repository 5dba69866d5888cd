package dev.ecrguard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.waivers.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The constructs refuse, at construction time, a floating tag that matches every tag ({@link FloatingTags}); the rules
 * flag the same filter under IMMUTABLE_WITH_EXCLUSION (ECR001, through {@code lib.all_stars}). Two definitions in two
 * languages, so this checks that they agree on every filter of a table, through the real checker.
 */
class FloatingTagsAgreeWithRulesTest {
    /** Filters of every shape near the edge: only stars, stars with one other character, and ordinary ones. */
    private static final List<String> FILTERS = List.of("*", "**", "***", "*****", "latest", "dev-*", "*-rc", "*a*",
            "a", "*.*", "*_*", "-*", "*-", ".*", "*.", "release-*-*", "", " *", "* ", "*\u200b");

    @TempDir
    Path dir;

    @Test
    void theConstructsRefuseExactlyTheFiltersThatTheRulesFlag() throws Exception {
        JsonMapper json = new JsonMapper();
        ObjectNode config = json.createObjectNode();
        ObjectNode repositories = config.putObject("resource").putObject("aws_ecr_repository");
        for (int i = 0; i < FILTERS.size(); i++) {
            ObjectNode repository = repositories.putObject("r" + i);
            repository.put("name", "r" + i);
            repository.put("image_tag_mutability", "IMMUTABLE_WITH_EXCLUSION");
            repository.putArray("image_tag_mutability_exclusion_filter").addObject()
                    .put("filter", FILTERS.get(i)).put("filter_type", "WILDCARD");
            repository.putArray("image_scanning_configuration").addObject().put("scan_on_push", true);
        }
        Path file = dir.resolve("filters.tf.json");
        Files.writeString(file, json.writeValueAsString(config));

        Result result = new Checker().check(List.of(file.toString()), Map.of(), null);

        assertThat(result.inputs().errors).isEmpty();
        Set<String> flagged = result.findings().stream().filter(f -> f.ruleId().equals("ECR001"))
                .map(Finding::resource).collect(Collectors.toSet());
        for (int i = 0; i < FILTERS.size(); i++) {
            assertThat(flagged.contains("aws_ecr_repository.r" + i))
                    .as("filter '%s': the rules flag it iff the constructs refuse it", FILTERS.get(i))
                    .isEqualTo(FloatingTags.matchesEveryTag(FILTERS.get(i)));
        }
        assertThat(flagged).hasSize(4);
    }
}
