package dev.ecrguard.load;

import static dev.ecrguard.load.LoadSupport.load;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.AbstractStringAssert;

/** The check every hostile-input test makes: one input error on the file, quickly; the other files still read. */
public final class HostileInputs {
    public static final Duration QUICKLY = Duration.ofSeconds(20);
    public static final String FINE = """
            {"Resources": {"Fine": {"Type": "AWS::ECR::Repository", "Properties": {"ImageTagMutability": "MUTABLE"}}}}
            """;

    private HostileInputs() {}

    /**
     * Loads {@code file} and a fine template: one error on {@code file} (at {@code line} when given), quickly, in one
     * line that is short; the fine template still read.
     */
    public static AbstractStringAssert<?> assertOnlyError(Path dir, Path file, Integer line) {
        Path other = write(dir, "zz-other.json", FINE);
        LoadResult result = assertTimeoutPreemptively(QUICKLY, () -> load(file, other));
        assertThat(result.errors).as("errors").hasSize(1);
        InputError error = result.errors.get(0);
        assertThat(error.file()).isEqualTo(file.toString());
        if (line != null) {
            assertThat(error.line()).isEqualTo(line);
        }
        assertThat(error.oneLine()).doesNotContain("\n").doesNotContain("Exception").hasSizeLessThan(400);
        assertThat(result.loaded).containsExactly(other.toString());
        assertThat(repositoryIds(result)).contains("Fine");
        return assertThat(error.oneLine());
    }
}
