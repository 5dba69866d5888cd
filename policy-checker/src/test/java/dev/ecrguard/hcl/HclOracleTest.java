package dev.ecrguard.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * ecr-guard's HCL parser reads every file exactly as HashiCorp's hclsyntax does: the same blocks and arguments on the
 * same lines, the same expression trees, and the same files refused (on the same line). The oracle is
 * {@code scripts/hcl-oracle} (a small Go program on hclsyntax), which {@code scripts/tools.sh} (sourced by
 * {@code run-tests}) builds and names in {@code HCL_ORACLE}. The files are this module's test resources and, when it
 * is there, the conformance corpus's Terraform source ({@code ../shared/conformance/hcl}).
 */
class HclOracleTest {
    private static final Path RESOURCES = Path.of("src/test/resources/hcl");
    private static final Path CORPUS = Path.of("../../shared/conformance/hcl");

    @Test
    void everyFileReadsAsHashiCorpsParserReadsIt() throws Exception {
        String oracle = System.getenv().getOrDefault("HCL_ORACLE", "");
        Assumptions.assumeTrue(!oracle.isEmpty() && Files.isExecutable(Path.of(oracle)),
                "no HCL_ORACLE: scripts/tools.sh (sourced by run-tests) builds scripts/hcl-oracle and sets it");
        List<Path> files = new ArrayList<>(tfFiles(RESOURCES));
        if (Files.isDirectory(CORPUS)) {
            files.addAll(tfFiles(CORPUS));
        }
        assertThat(files).hasSizeGreaterThan(50);
        Map<String, List<String>> expected = byFile(run(oracle, files));
        Map<String, List<String>> actual = new TreeMap<>();
        for (Path file : files) {
            actual.put(file.toString(), sorted(CanonicalForm.of(file.toString(),
                    Files.readString(file, StandardCharsets.UTF_8))));
        }
        List<String> differences = new ArrayList<>();
        for (Path file : files) {
            List<String> want = expected.getOrDefault(file.toString(), List.of());
            List<String> got = actual.get(file.toString());
            want.stream().filter(l -> !got.contains(l)).forEach(l -> differences.add("hclsyntax: " + l));
            got.stream().filter(l -> !want.contains(l)).forEach(l -> differences.add("ecr-guard: " + l));
        }
        assertThat(differences).isEmpty();
        assertThat(actual.values().stream().filter(l -> l.stream().anyMatch(x -> x.contains("\tERROR\t"))).count())
                .as("the invalid files are refused").isGreaterThanOrEqualTo(7);
    }

    private static List<Path> tfFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".tf") || p.toString().endsWith(".tfvars")).sorted()
                    .toList();
        }
    }

    private static List<String> run(String oracle, List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of(oracle));
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return Arrays.asList(out.split("\n"));
    }

    private static Map<String, List<String>> byFile(List<String> lines) {
        return lines.stream().filter(l -> !l.isEmpty()).collect(Collectors.groupingBy(l -> l.split("\t", 2)[0],
                TreeMap::new, Collectors.collectingAndThen(Collectors.toList(), HclOracleTest::sorted)));
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
