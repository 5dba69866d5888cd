package dev.ecrguard.load;

import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.Loaders;
import dev.ecrguard.load.SplitReading.Outcome;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large compact plan is read in two parts at once, and gives exactly what one pass over the same bytes gives: the
 * same model with the same lines, or the same error. One pass is forced by a space before the plan's first brace,
 * which moves no line.
 */
class SplitReadingTest {
    /** Above {@link SplitReading#FROM_BYTES}: every plan here goes the way a real one does. */
    private static final int RESOURCES = 10_000;

    private static String plan;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        plan = compactPlan(RESOURCES, 300);
        assertThat((long) plan.length()).isGreaterThan(SplitReading.FROM_BYTES);
    }

    @Test
    void aLargeCompactPlanIsReadInTwoPartsWithTheModelOfOnePass() {
        assertThat(loadedAsInOnePass(plan, Outcome.SPLIT)).contains("aws_ecr_repository.r9990", "MUTABLE",
                "planned_values_only");
    }

    @Test
    void anErrorAfterTheSplitIsTheErrorOfOnePass() {
        String truncated = plan.substring(0, plan.length() - 40);

        assertThat(loadedAsInOnePass(truncated, Outcome.SECOND_PART_FAILED)).contains("not valid JSON");
    }

    @Test
    void anErrorBeforeTheSplitIsTheErrorOfOnePass() {
        String broken = plan.replaceFirst("\"bucket\":\"b1\"", "\"bucket\":tru");

        assertThat(loadedAsInOnePass(broken, Outcome.NOT_REACHED)).contains("not valid JSON");
    }

    @Test
    void aTopLevelKeyOfTheFirstPartRepeatedInTheSecondIsRefusedAsInOnePass() {
        String repeated = plan.substring(0, plan.length() - 1) + ",\"format_version\":\"1.2\"}";

        assertThat(loadedAsInOnePass(repeated, Outcome.PARTS_DISAGREE))
                .contains("Duplicate field 'format_version'");
    }

    @Test
    void aKeyTheFirstPartWouldClaimDifferentlyIsReadInOnePass() {
        // A state file's resources are streamed only after its version and terraform_version, which the second
        // reader never saw.
        String versioned = plan.replaceFirst("\"format_version\":\"1.2\"", "\"version\":4");
        String state = versioned.substring(0, versioned.length() - 1) + ",\"resources\":[]}";

        loadedAsInOnePass(state, Outcome.PARTS_DISAGREE);
    }

    @Test
    void aLineBreakBeforeTheSplitKeepsEveryLineRight() {
        String twoLines = plan.replaceFirst(",\"resource_changes\":", ",\n\"resource_changes\":");

        assertThat(loadedAsInOnePass(twoLines, Outcome.NOT_ON_FIRST_LINE)).contains("\"line\" : 2");
    }

    @Test
    void anElementLikeStartThatIsNotInTheListIsNeverTheSplit() {
        // The same bytes inside the values of planned_values and prior_state, and resource_changes empty.
        String padded = compactPlan(RESOURCES, 1000);
        String decoy = (padded.substring(0, padded.indexOf(",\"resource_changes\":")) + ",\"resource_changes\":[]"
                + padded.substring(padded.indexOf(",\"prior_state\":"))).replace("\"values\":{\"bucket\"",
                "\"values\":{\"decoys\":[{\"address\":\"x\",\"change\":{}},{\"address\":\"y\",\"change\":{}}],"
                        + "\"bucket\"");

        assertThat(loadedAsInOnePass(decoy, Outcome.NOT_REACHED)).contains("planned_values_only");
    }

    @Test
    void aListOnlyNearAnEndOfTheFileIsNotSplit() throws IOException {
        // resource_changes moved to the end and cut to 100 elements: a split there could cost almost two passes.
        String padded = compactPlan(RESOURCES, 1000);
        int changes = padded.indexOf(",\"resource_changes\":");
        int prior = padded.indexOf(",\"prior_state\":");
        int hundredth = changes;
        for (int i = 0; i < 100; i++) {
            hundredth = padded.indexOf(",{\"address\":", hundredth + 1);
        }
        String late = padded.substring(0, changes) + padded.substring(prior, padded.length() - 1)
                + padded.substring(changes, hundredth) + "]}";

        assertThat(splitPoint(late)).isEqualTo(-1);
        assertThat(loaded(late)).isEqualTo(loaded(" " + late)).contains("aws_ecr_repository.r90");
    }

    @Test
    void theSplitIsAnElementOfTheListNearTheMiddle() throws IOException {
        long at = splitPoint(plan);

        assertThat(at).isBetween(plan.length() * 45L / 100, plan.length() * 75L / 100);
        assertThat(plan.substring((int) at - 1)).startsWith(",{\"address\":\"");
        assertThat(plan.substring(0, (int) at)).contains("\"resource_changes\":[")
                .doesNotContain("\"prior_state\":");
    }

    /** Where a second reader of {@code text} would start, or -1. */
    private long splitPoint(String text) throws IOException {
        Path file = write(dir, "split/plan.json", text);
        try (FileChannel channel = FileChannel.open(file)) {
            return SplitReading.splitPoint(channel, readers("plan.json").get(0).splittableList(), () -> false);
        }
    }

    @Test
    void aPrettyPrintedOrSmallPlanIsReadInOnePass() {
        assertThat(outcomeOf(plan.replaceFirst("\\{", "{\n"))).isEqualTo(Outcome.ONE_PASS);
        assertThat(outcomeOf(compactPlan(100, 300))).isEqualTo(Outcome.ONE_PASS);
    }

    /**
     * Damage of every kind, at random places in both parts: spans deleted or replaced by JSON punctuation and
     * letters, an element of a list repeated, a key repeated. Whatever the two parts make of it, the result is one
     * pass's. Twelve rounds of one seed in every build; a longer run takes {@code -Dseed=N -Drounds=300} (README).
     */
    @Test
    void randomDamageGivesWhatOnePassGives() {
        Random random = new Random(Long.getLong("seed", 20261206));
        String alphabet = "{}[],:\"\\ \nabcdef0123456789";
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        for (int round = 0; round < Integer.getInteger("rounds", 12); round++) {
            int at = random.nextInt(plan.length() - 100);
            int span = 1 + random.nextInt(40);
            int element = plan.indexOf(",{\"address\":\"", at);
            int next = element < 0 ? -1 : plan.indexOf(",{\"address\":\"", element + 1);
            String damaged = switch (round % 4) {
                case 0 -> plan.substring(0, at) + plan.substring(at + span);
                case 1 -> {
                    StringBuilder noise = new StringBuilder();
                    for (int i = 0; i < span; i++) {
                        noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    yield plan.substring(0, at) + noise + plan.substring(at + span);
                }
                case 2 -> next < 0 ? plan
                        : plan.substring(0, next) + plan.substring(element, next) + plan.substring(next);
                default -> element < 0 ? plan
                        : plan.substring(0, element + 2) + "\"mode\":\"managed\"," + plan.substring(element + 2);
            };
            outcomes.add(outcomeOf(damaged));
            assertThat(loaded(damaged)).as("round %d at %d", round, at).isEqualTo(loaded(" " + damaged));
        }
        assertThat(outcomes).as("damage in each part, and damage that left the parts whole")
                .contains(Outcome.NOT_REACHED, Outcome.SECOND_PART_FAILED, Outcome.SPLIT);
    }

    /**
     * Requires that {@code text} is read the way {@code expected} says, and loads as one pass over it does.
     *
     * @return what it loads as
     */
    private String loadedAsInOnePass(String text, Outcome expected) {
        assertThat(outcomeOf(text)).isEqualTo(expected);
        String loaded = loaded(text);
        assertThat(loaded).isEqualTo(loaded(" " + text));
        return loaded;
    }

    /** How {@code text}, written to a file, is read. */
    private Outcome outcomeOf(String text) {
        Path file = write(dir, "outcome/plan.json", text);
        AtomicReference<Outcome> told = new AtomicReference<>();
        try {
            DocumentReader.read(file, "plan.json", () -> readers("plan.json"), SplitReading.FROM_BYTES, told::set);
        } catch (InputError expected) {
            // the outcome is what is asked
        }
        return told.get();
    }

    private static List<TopLevelReader> readers(String file) {
        List<TopLevelReader> readers = new ArrayList<>();
        Loaders.all().forEach(l -> readers.addAll(l.topLevelReaders(file)));
        return readers;
    }

    /** The model and the errors of {@code text} loaded as plan.json, with its folder left out. */
    private String loaded(String text) {
        Path folder = dir.resolve("loaded" + text.length() + (text.startsWith(" ") ? "-spaced" : ""));
        Path file = write(folder, "plan.json", text);
        LoadResult result = LoadSupport.load(file);
        return (Json.pretty(result.model) + result.errors.stream().map(InputError::oneLine).toList())
                .replace(folder.toString(), "");
    }

    /**
     * A compact plan (as {@code terraform show -json} writes one) of {@code resources} changes, every tenth an ECR
     * repository (half of them mutable), the rest buckets with a policy of {@code padding} characters; their planned
     * values, a prior state, and the AWS provider's version constraint.
     */
    private static String compactPlan(int resources, int padding) {
        StringBuilder planned = new StringBuilder();
        StringBuilder changes = new StringBuilder();
        StringBuilder prior = new StringBuilder();
        for (int i = 0; i < resources; i++) {
            String sep = i == 0 ? "" : ",";
            boolean repository = i % 10 == 0;
            String type = repository ? "aws_ecr_repository" : "aws_s3_bucket";
            String name = (repository ? "r" : "b") + i;
            String values = repository
                    ? "{\"name\":\"" + name + "\",\"image_tag_mutability\":\"" + (i % 20 == 0 ? "MUTABLE" : "IMMUTABLE")
                            + "\",\"image_scanning_configuration\":[{\"scan_on_push\":true}]}"
                    : "{\"bucket\":\"" + name + "\",\"policy\":\"" + "p".repeat(padding) + "\"}";
            String head = "{\"address\":\"" + type + "." + name + "\",\"mode\":\"managed\",\"type\":\"" + type
                    + "\",\"name\":\"" + name + "\",\"provider_name\":\"registry.terraform.io/hashicorp/aws\"";
            planned.append(sep).append(head).append(",\"schema_version\":0,\"values\":").append(values).append('}');
            changes.append(sep).append(head).append(",\"change\":{\"actions\":[\"update\"],\"before\":")
                    .append(values).append(",\"after\":").append(values).append(",\"after_unknown\":{}}}");
            prior.append(sep).append(head).append(",\"schema_version\":0,\"values\":").append(values).append('}');
        }
        String plannedOnly = ",{\"address\":\"aws_ecr_repository.planned_values_only\",\"mode\":\"managed\","
                + "\"type\":\"aws_ecr_repository\",\"name\":\"planned_values_only\",\"values\":{\"name\":\"x\"}}";
        return "{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.8\",\"planned_values\":{\"root_module\":"
                + "{\"resources\":[" + planned + plannedOnly + "]}},\"resource_changes\":[" + changes
                + "],\"prior_state\":{\"values\":{\"root_module\":{\"resources\":[" + prior + "]}}},"
                + "\"configuration\":{\"provider_config\":{\"aws\":{\"name\":\"aws\","
                + "\"full_name\":\"registry.terraform.io/hashicorp/aws\",\"version_constraint\":\"~> 5.0\"}}}}";
    }
}
