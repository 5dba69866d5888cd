package dev.ecrguard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ecrguard.Loaders;
import dev.ecrguard.load.InputValues;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.load.VariableSetting;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Terraform root module read from source: two expressions the fuzzer writes into a repository and a local of a
 * well-formed file (so that the evaluator, not only the parser, meets what it chooses), a file and a local module
 * it writes whole, a {@code .tf.json} file read with the module, a {@code terraform.tfvars} and a {@code --var}.
 * Every failure must be an input error naming a file of the folder; nothing may throw, hang or exhaust the heap.
 */
public class TerraformSourceFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void anyModule(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }

    /** The entry point of the stand-alone fuzzer (scripts/fuzz.sh). */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        Path folder = FuzzedFiles.folder().resolve("infra");
        String main = "locals {\n  a = " + data.consumeString(512) + "\n}\n"
                + "resource \"aws_ecr_repository\" \"r\" {\n  for_each = local.a\n  image_tag_mutability = "
                + data.consumeString(512) + "\n}\nmodule \"m\" {\n  source = \"./m\"\n  x = local.a\n}\n";
        FuzzedFiles.write(folder.resolve("main.tf"), main.getBytes(StandardCharsets.UTF_8));
        FuzzedFiles.write(folder.resolve("terraform.tfvars"), data.consumeString(256).getBytes(StandardCharsets.UTF_8));
        FuzzedFiles.write(folder.resolve("m/main.tf"), data.consumeString(2048).getBytes(StandardCharsets.UTF_8));
        FuzzedFiles.write(folder.resolve("generated.tf.json"), data.consumeString(1024).getBytes(StandardCharsets.UTF_8));
        String variable = data.consumeString(128);
        FuzzedFiles.write(folder.resolve("extra.tf"), data.consumeRemainingAsBytes());
        LoadResult result = Loaders.load(List.of(folder.toString()),
                new InputValues(Map.of(), List.of(new VariableSetting.Assignment("a", variable))),
                InputStream.nullInputStream());
        FuzzedFiles.requireErrorsName(result.errors, folder.toString());
    }
}
