package dev.ecrguard.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The hook of .pre-commit-hooks.yaml, run as pre-commit runs a `language: script` hook: its entry, relative to the
 * hook repository's clone, with its args, in the user's repository.
 */
class PreCommitHookTest {
    @TempDir
    Path work;

    private Map<String, Object> hook;
    private Path userRepo;

    @BeforeEach
    void hook() throws Exception {
        @SuppressWarnings("unchecked")
        var hooks = (List<Map<String, Object>>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Run.root().resolve(".pre-commit-hooks.yaml")));
        assertThat(hooks).hasSize(1);
        hook = hooks.get(0);
        assertThat(hook).containsEntry("id", "ecr-guard").containsEntry("language", "script")
                .containsEntry("pass_filenames", false);
        userRepo = Files.createDirectories(work.resolve("user-repo"));
        Files.copy(Run.root().resolve("examples/cloudformation/registry.json"), userRepo.resolve("registry.json"));
        Files.copy(Run.root().resolve("examples/cloudformation/clean.yaml"), userRepo.resolve("clean.yaml"));
    }

    @Test
    void theExampleConfigurationUsesThisHook() throws Exception {
        @SuppressWarnings("unchecked")
        var config = (Map<String, List<Map<String, Object>>>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Run.root().resolve("examples/ci/pre-commit-config.yaml")));
        Map<String, Object> repo = config.get("repos").get(0);

        assertThat(repo).containsEntry("repo", "https://github.com/ecr-guard/ecr-guard");
        assertThat((String) repo.get("rev")).matches("v\\d+\\.\\d+\\.\\d+");
        assertThat(repo.get("hooks")).isEqualTo(List.of(Map.of("id", hook.get("id"))));
    }

    /** At a rev that is no release (this one), the jar built from the clone. */
    @Test
    void atThisRevItRunsTheCheckerBuiltFromTheClone() throws Exception {
        Run run = runHook(Run.root(), Map.of());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("ECR001 SandboxRepo");
    }

    /** At a release, the released jar: fetched once into the clone, checksum verified, then reused. */
    @Test
    void atAReleaseItFetchesTheReleasedJarOnceAndRunsIt() throws Exception {
        Path clone = Files.createDirectories(work.resolve("hook-clone/scripts"));
        for (String script : List.of("pre-commit-hook", "fetch-release.sh")) {
            Files.copy(Run.root().resolve("scripts").resolve(script), clone.resolve(script));
            Files.setPosixFilePermissions(clone.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path cloneRoot = clone.getParent();
        Files.writeString(cloneRoot.resolve("pom.xml"), Files.readString(Run.root().resolve("pom.xml"))
                .replaceFirst("\n  <version>[^<]+</version>", "\n  <version>9.9.9</version>"));
        String url = LocalRelease.create(work.resolve("releases"), "9.9.9");

        Run first = runHook(cloneRoot, Map.of("ECR_GUARD_DOWNLOAD_URL", url));
        Run second = runHook(cloneRoot, Map.of("ECR_GUARD_DOWNLOAD_URL", "file:///nowhere"));

        assertThat(first.exit()).as(first.err()).isEqualTo(1);
        assertThat(first.out()).contains("ECR001 SandboxRepo");
        assertThat(cloneRoot.resolve(".ecr-guard-release/9.9.9/ecr-guard.jar")).hasSameBinaryContentAs(Run.cliJar());
        assertThat(second.exit()).as(second.err()).isEqualTo(1);
        assertThat(second.out()).isEqualTo(first.out());
    }

    private Run runHook(Path clone, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(((String) hook.get("entry")).split(" ")));
        command.set(0, clone.resolve(command.get(0)).toString());
        @SuppressWarnings("unchecked")
        var args = (List<String>) hook.get("args");
        command.addAll(args);
        var environment = new java.util.HashMap<>(env);
        environment.put("PATH", Path.of(Run.java()).getParent() + ":" + System.getenv("PATH"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        return Run.of(command, userRepo, environment);
    }
}
