package dev.ecrguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.load.Document;
import dev.ecrguard.load.DocumentReader;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.Loader;
import dev.ecrguard.load.TopLevelReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The loaders' recognition: each document is one family's or none, so the order of {@link Loaders#all()} decides
 * nothing, and "not mine" is an answer, never an exception.
 */
class LoaderRecognitionTest {
    private static final Path FIXTURES = Path.of("src/test/resources");
    private static final Path EXAMPLES = Path.of("../examples");

    /** What each loader says of a document read with every loader's top-level readers, by loader class. */
    private static List<String> recognizers(Document document, List<Loader> loaders) {
        List<String> found = new ArrayList<>();
        for (Loader loader : loaders) {
            loader.recognize(document).ifPresent(r -> found.add(loader.getClass().getSimpleName() + ": " + r.label()));
        }
        return found;
    }

    private static Document read(Path file, List<Loader> loaders) {
        return DocumentReader.read(file, file.toString(), () -> {
            List<TopLevelReader> readers = new ArrayList<>();
            loaders.forEach(l -> readers.addAll(l.topLevelReaders(file.toString())));
            return readers;
        });
    }

    @Test
    void everyFixtureAndExampleIsRecognizedByAtMostOneLoader() throws IOException {
        List<Path> files;
        try (Stream<Path> fixtures = Files.walk(FIXTURES); Stream<Path> examples = Files.walk(EXAMPLES)) {
            files = Stream.concat(fixtures, examples).filter(Files::isRegularFile)
                    .filter(f -> f.toString().matches(".*\\.(json|ya?ml|template|tfstate)"))
                    .filter(f -> !f.toString().contains("node_modules")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        int recognized = 0;
        for (Path file : files) {
            List<Loader> loaders = Loaders.all();
            Document document;
            try {
                document = read(file, loaders);
            } catch (InputError e) {
                continue; // malformed on purpose (the fixtures of bad input): no document to recognize
            }
            List<String> found = recognizers(document, loaders);
            assertThat(found).as(file.toString()).hasSizeLessThanOrEqualTo(1);
            recognized += found.size();
        }
        assertThat(recognized).as("fixtures recognized").isGreaterThan(10);
    }

    @Test
    void eachFamilyRecognizesItsOwnAndOnlyItsOwn() {
        assertThat(recognizers(read(FIXTURES.resolve("terraform/plan-actions.json"), Loaders.all()), Loaders.all()))
                .containsExactly("TerraformJson: Terraform plan");
        assertThat(recognizers(read(FIXTURES.resolve("terraform/tfstate/terraform.tfstate"), Loaders.all()),
                Loaders.all())).containsExactly("TerraformJson: Terraform state file");
        assertThat(recognizers(read(FIXTURES.resolve("terraform/config/main.tf.json"), Loaders.all()), Loaders.all()))
                .containsExactly("TerraformJson: Terraform JSON configuration");
        assertThat(recognizers(read(FIXTURES.resolve("cloudformation/intrinsics.yaml"), Loaders.all()),
                Loaders.all())).containsExactly("CloudFormationTemplates: CloudFormation template");
        assertThat(recognizers(read(FIXTURES.resolve("cdk/app/cdk.out/manifest.json"), Loaders.all()),
                Loaders.all())).containsExactly("CdkAssembly: CDK cloud assembly manifest");
        assertThat(recognizers(read(FIXTURES.resolve("cdktf/cdktf.out/manifest.json"), Loaders.all()),
                Loaders.all())).containsExactly("CdktfOutput: CDKTF output manifest");
    }

    @Test
    void aWellFormedDocumentOfNoFamilyIsNoOnesWithoutAnException() {
        for (String text : List.of("[1, 2]", "{\"name\": \"app\"}", "just: yaml", "- a\n- b\n", "a: 1\n---\nb: 2\n")) {
            Document document = DocumentReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    "doc", null, List.of());
            assertThat(recognizers(document, Loaders.all())).as(text).isEmpty();
        }
    }
}
