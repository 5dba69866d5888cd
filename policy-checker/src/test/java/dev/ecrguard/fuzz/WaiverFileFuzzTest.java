package dev.ecrguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ecrguard.load.InputError;
import dev.ecrguard.waivers.WaiverFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Any bytes as a waiver file ({@code --waivers}): a waiver file, or an input error naming it. */
public class WaiverFileFuzzTest {
    private static final Set<String> RULES = Set.of("ECR001", "ECR002", "ECR003", "ECR004", "ECR005", "ECR006",
            "ECR007", "ECR008", "ECR009");

    @FuzzTest(maxDuration = "10s")
    void anyWaiverFile(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** The entry point of the stand-alone fuzzer (scripts/fuzz.sh). */
    public static void fuzzerTestOneInput(byte[] input) {
        Path file = FuzzedFiles.write(FuzzedFiles.folder().resolve("waivers.yaml"), input);
        try {
            WaiverFile.load(file, "waivers.yaml", RULES).entries().forEach(WaiverFile.Entry::describe);
        } catch (InputError e) {
            FuzzedFiles.requireErrorsName(List.of(e), "waivers.yaml");
        }
    }
}
