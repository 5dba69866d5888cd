package dev.ecrguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.Severity;
import dev.ecrguard.load.InputError;
import dev.ecrguard.waivers.Baseline;
import java.nio.file.Path;
import java.util.List;

/** Any bytes as a baseline file ({@code --baseline}): a baseline, or an input error naming it. */
public class BaselineFuzzTest {
    private static final Finding FINDING = new Finding("ECR001", Severity.ERROR, "aws_ecr_repository.app",
            "aws_ecr_repository", "main.tf.json", 3, null, "mutable");

    @FuzzTest(maxDuration = "10s")
    void anyBaseline(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** The entry point of the stand-alone fuzzer (scripts/fuzz.sh). */
    public static void fuzzerTestOneInput(byte[] input) {
        Path file = FuzzedFiles.write(FuzzedFiles.folder().resolve("baseline.json"), input);
        try {
            Baseline.load(file, "baseline.json").contains(FINDING);
        } catch (InputError e) {
            FuzzedFiles.requireErrorsName(List.of(e), "baseline.json");
        }
    }
}
