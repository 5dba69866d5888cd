package dev.ecrguard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ecrguard.Loaders;
import dev.ecrguard.load.LoadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder: a {@code manifest.json} (a CDK cloud assembly or CDKTF output, or a decoy) and two files it may name,
 * read as a folder named on the command line. The fuzzer chooses every byte of the three files.
 */
public class AssemblyFuzzTest {
    private static final String[] NAMES = {"Stack.template.json", "stacks/app/cdk.tf.json"};

    @FuzzTest(maxDuration = "10s")
    void anyAssembly(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }

    /** The entry point of the stand-alone fuzzer (scripts/fuzz.sh). */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        Path folder = FuzzedFiles.folder().resolve("out");
        clear(folder);
        FuzzedFiles.write(folder.resolve("manifest.json"), data.consumeString(4096).getBytes(StandardCharsets.UTF_8));
        FuzzedFiles.write(folder.resolve(NAMES[0]), data.consumeString(8192).getBytes(StandardCharsets.UTF_8));
        FuzzedFiles.write(folder.resolve(NAMES[1]), data.consumeRemainingAsBytes());
        LoadResult result = Loaders.load(List.of(folder.toString()), Map.of(), InputStream.nullInputStream());
        FuzzedFiles.requireErrorsName(result.errors, folder.toString());
    }

    private static void clear(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
