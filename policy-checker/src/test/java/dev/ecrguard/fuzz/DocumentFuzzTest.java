package dev.ecrguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ecrguard.Loaders;
import dev.ecrguard.load.LoadResult;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

/**
 * Any bytes on standard input, read as ecr-guard reads a file named on the command line: recognized as JSON or YAML,
 * then as a Terraform plan, state, JSON configuration or CloudFormation template, and loaded.
 */
public class DocumentFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void anyDocument(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** The entry point of the stand-alone fuzzer (scripts/fuzz.sh). */
    public static void fuzzerTestOneInput(byte[] input) {
        LoadResult result = Loaders.load(List.of("-"), Map.of("Stage", "prod"), new ByteArrayInputStream(input));
        FuzzedFiles.requireErrorsName(result.errors, "-");
    }
}
