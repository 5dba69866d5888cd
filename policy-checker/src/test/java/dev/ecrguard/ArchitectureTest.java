package dev.ecrguard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shape docs/architecture.md draws: packages without cycles, each saying what it owns. */
class ArchitectureTest {
    private static final JavaClasses CHECKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ecrguard");

    @Test
    void theCheckerIsImported() {
        // a rule over nothing passes: make sure the classes under test are there
        assertThat(CHECKER.stream().map(JavaClass::getPackageName).collect(Collectors.toSet()))
                .contains("dev.ecrguard", "dev.ecrguard.load", "dev.ecrguard.load.terraform", "dev.ecrguard.engine",
                        "dev.ecrguard.waivers", "dev.ecrguard.report");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.ecrguard.(**)").should().beFreeOfCycles().check(CHECKER);
    }

    @Test
    void theLoadersAreReachedOnlyThroughTheRegistry() {
        // shared reading never names a family: a new family is a subpackage plus one line in Loaders
        DescribedPredicate<JavaClass> family = DescribedPredicate.describe("are in a subpackage of load (an input family)",
                c -> c.getPackageName().startsWith("dev.ecrguard.load."));
        noClasses().that().resideInAPackage("dev.ecrguard.load").should().dependOnClassesThat(family)
                .check(CHECKER);
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        Path sources = Path.of("src/main/java");
        Set<Path> packages = new TreeSet<>();
        Set<Path> described = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                packages.add(file.getParent());
                if (file.getFileName().toString().equals("package-info.java")) {
                    described.add(file.getParent());
                }
            }
        }
        assertThat(packages).hasSizeGreaterThan(8);
        assertThat(described).containsExactlyElementsOf(packages);
        for (Path folder : described) {
            List<String> lines = Files.readAllLines(folder.resolve("package-info.java"));
            assertThat(lines).as(folder.toString()).anyMatch(l -> l.startsWith(" * ") && l.length() > 20);
        }
    }
}
