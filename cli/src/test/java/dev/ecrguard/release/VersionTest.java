package dev.ecrguard.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version has one source, the pom: every place that reports it reports the built version. */
class VersionTest {
    @TempDir
    Path work;

    @Test
    void theCliJarsManifestCarriesTheVersionAndTheMainClass() throws Exception {
        try (JarFile jar = new JarFile(Run.cliJar().toFile())) {
            var attributes = jar.getManifest().getMainAttributes();
            assertThat(attributes.getValue("Implementation-Version")).isEqualTo(Run.projectVersion());
            assertThat(attributes.getValue("Main-Class")).isEqualTo("dev.ecrguard.cli.Main");
        }
    }

    @Test
    void ecrGuardVersionPrintsIt() throws Exception {
        Run run = Run.of(List.of(Run.java(), "-jar", Run.cliJar().toString(), "--version"), work, Map.of());

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo("ecr-guard " + Run.projectVersion());
    }

    @Test
    void sarifNamesTheVersionAsTheToolDriverVersion() throws Exception {
        Path sarif = work.resolve("out.sarif");
        Run run = Run.of(List.of(Run.java(), "-jar", Run.cliJar().toString(), "check", "--format",
                "sarif=" + sarif, Run.root().resolve("examples/terraform/plan-clean.json").toString()), work, Map.of());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readTree(sarif.toFile()).path("runs").get(0).path("tool").path("driver")
                .path("version").asText()).isEqualTo(Run.projectVersion());
    }

    /**
     * The constructs run the checker from the library jar (not the shaded one): the CDK plugin's pluginVersion is
     * Version.current() read there.
     */
    @Test
    void theLibraryJarReportsItToTheConstructs() throws Exception {
        Path library = Run.cliJar().resolveSibling("ecr-guard-policy-checker-" + Run.projectVersion() + ".jar");
        assertThat(library).exists();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {library.toUri().toURL()}, null)) {
            Class<?> version = loader.loadClass("dev.ecrguard.report.Version");

            assertThat(version.getMethod("current").invoke(null)).isEqualTo(Run.projectVersion());
        }
    }

    @Test
    void everyModuleTakesItsVersionFromTheParent() throws Exception {
        for (Path pom : Poms.modulePoms()) {
            var doc = Poms.read(pom);
            assertThat(Poms.text(doc, "/project/version")).as(pom + " must inherit the version").isEmpty();
            assertThat(Poms.text(doc, "/project/parent/version")).as(pom.toString())
                    .isEqualTo(Poms.text(Poms.read(Run.root().resolve("pom.xml")), "/project/version"));
        }
        assertThat(Files.readString(Run.root().resolve("pom.xml"))).contains("<version>" + Run.projectVersion());
    }

    /** The example apps are not modules, so versions:set leaves them: RELEASING.md bumps them with update-parent. */
    @Test
    void theExampleAppsFollowTheParentVersion() throws Exception {
        for (String app : List.of("examples/cdk-app/pom.xml", "examples/cdktf-app/pom.xml")) {
            assertThat(Poms.text(Poms.read(Run.root().resolve(app)), "/project/parent/version")).as(app)
                    .isEqualTo(Run.projectVersion());
        }
    }
}
