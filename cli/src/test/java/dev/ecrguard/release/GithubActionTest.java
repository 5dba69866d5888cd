package dev.ecrguard.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs the shell steps of the composite action (action.yml) as a GitHub runner would, with bash, the runner's
 * environment files and the inputs in environment variables, and a local release standing in for the download.
 */
class GithubActionTest {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}");

    @TempDir
    Path work;

    private Map<String, Object> action;
    private Path workspace;
    private String downloadUrl;
    private final Map<String, String> outputs = new HashMap<>();

    @BeforeEach
    void runner() throws Exception {
        action = yaml(Run.root().resolve("action.yml"));
        workspace = Files.createDirectories(work.resolve("workspace"));
        Files.copy(Run.root().resolve("examples/terraform/plan-registry.json"), workspace.resolve("plan.json"));
        downloadUrl = LocalRelease.create(work.resolve("releases"), Run.projectVersion());
    }

    @Test
    void setsUpJavaThenFetchesChecksThenUploadsSarifWhenAsked() {
        List<Map<String, Object>> steps = steps();
        assertThat(steps).extracting(s -> s.get("uses")).first().isEqualTo("actions/setup-java@v4");
        assertThat(steps).extracting(s -> s.get("id")).contains("fetch", "check");
        Map<String, Object> upload = steps.get(steps.size() - 1);
        assertThat((String) upload.get("uses")).startsWith("github/codeql-action/upload-sarif@");
        assertThat((String) upload.get("if")).contains("!cancelled()", "inputs.upload-sarif == 'true'");
        assertThat(inputs()).containsKeys("paths", "formats", "fail-on", "waivers", "baseline", "version",
                "upload-sarif");
    }

    /** The example workflow's step, run with its own inputs on the example plan. */
    @Test
    void theExampleWorkflowFailsOnThePlanAnnotatesWritesSarifAndTheSummary() throws Exception {
        Map<String, Object> workflow = yaml(Run.root().resolve("examples/ci/github-actions.yml"));
        @SuppressWarnings("unchecked")
        var job = (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("ecr-guard");
        @SuppressWarnings("unchecked")
        var exampleSteps = (List<Map<String, Object>>) job.get("steps");
        Map<String, Object> step = exampleSteps.stream()
                .filter(s -> String.valueOf(s.get("uses")).startsWith("ecr-guard/ecr-guard@v")).findFirst().orElseThrow();
        Map<String, String> with = new HashMap<>();
        @SuppressWarnings("unchecked")
        var given = (Map<String, Object>) step.get("with");
        given.forEach((k, v) -> with.put(k, String.valueOf(v)));
        Path summary = work.resolve("summary.md");

        Run fetch = runStep("fetch", with, summary);
        assertThat(fetch.exit()).as(fetch.err()).isZero();
        Run check = runStep("check", with, summary);

        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).contains("::error file=plan.json");
        assertThat(outputs).containsEntry("exit-code", "1").containsEntry("sarif-file", "ecr-guard.sarif");
        assertThat(new ObjectMapper().readTree(workspace.resolve("ecr-guard.sarif").toFile()).path("runs").get(0)
                .path("results")).hasSize(11);
        assertThat(Files.readString(summary)).startsWith("## ecr-guard: failed");
    }

    @Test
    void aCleanPlanPassesAndNoSarifIsOfferedWhenNotAsked() throws Exception {
        Files.copy(Run.root().resolve("examples/terraform/plan-clean.json"), workspace.resolve("clean.json"));
        Map<String, String> with = Map.of("paths", "clean.json");

        runStep("fetch", with, null);
        Run check = runStep("check", with, null);

        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(outputs).containsEntry("exit-code", "0").doesNotContainKey("sarif-file");
    }

    @Test
    void formatsFailOnAndBaselineReachTheCli() throws Exception {
        Run baseline = Run.of(List.of(Run.java(), "-jar", Run.cliJar().toString(), "baseline", "plan.json"),
                workspace, Map.of());
        Files.writeString(workspace.resolve("baseline.json"), baseline.out());
        Map<String, String> with = Map.of("paths", "plan.json", "formats", "json\njunit=report.xml",
                "baseline", "baseline.json", "fail-on", "note", "step-summary", "false");

        runStep("fetch", with, null);
        Run check = runStep("check", with, null);

        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(new ObjectMapper().readTree(check.out()).path("findings")).isEmpty();
        assertThat(workspace.resolve("report.xml")).exists();
    }

    @Test
    void theJarIsFetchedOnceThenReused() throws Exception {
        Map<String, String> with = Map.of("version", Run.projectVersion());
        assertThat(runStep("fetch", with, null).exit()).isZero();
        Path jar = Path.of(outputs.get("jar"));

        Run again = runStep("fetch", Map.of("version", Run.projectVersion(), "download-url", "file:///nowhere"), null);

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(outputs.get("jar")).isEqualTo(jar.toString());
        assertThat(jar).hasSameBinaryContentAs(Run.cliJar());
    }

    @Test
    void aJarThatDoesNotMatchItsChecksumIsNeitherKeptNorRun() throws Exception {
        Path jar = work.resolve("releases/v" + Run.projectVersion() + "/ecr-guard.jar");
        Files.write(jar, new byte[] {'x'}, java.nio.file.StandardOpenOption.APPEND);

        Run fetch = runStep("fetch", Map.of(), null);

        assertThat(fetch.exit()).isEqualTo(1);
        assertThat(fetch.err()).contains("ecr-guard: ecr-guard.jar of release " + Run.projectVersion()
                + " does not match its published SHA-256 checksum; not using it");
        assertThat(outputs).doesNotContainKey("jar");
        assertThat(work.resolve("toolcache/ecr-guard/" + Run.projectVersion() + "/ecr-guard.jar")).doesNotExist();
    }

    @Test
    void aRefThatIsNoReleaseVersionIsRefused() throws Exception {
        Run fetch = runStep("fetch", Map.of(), null, "main");

        assertThat(fetch.exit()).isEqualTo(2);
        assertThat(fetch.err()).contains("'main' is not an ecr-guard release version such as 0.1.0");
    }

    /** Inputs travel in environment variables: shell syntax in them stays text. */
    @Test
    void inputsCannotRunShellCode() throws Exception {
        runStep("fetch", Map.of(), null);
        Map<String, String> hostile = Map.of("paths", "$(touch injected-path) `touch injected-tick` plan.json",
                "formats", "text;touch${IFS}injected-format", "fail-on", "error\"; touch injected-fail \"");

        Run check = runStep("check", hostile, null);
        Run version = runStep("fetch", Map.of("version", "1.0.0; touch injected-version"), null);

        assertThat(check.exit()).isNotZero();
        assertThat(version.exit()).isEqualTo(2);
        try (var files = Files.list(workspace)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("injected"));
        }
    }

    private Run runStep(String id, Map<String, String> with, Path summary) throws Exception {
        return runStep(id, with, summary, "v" + Run.projectVersion());
    }

    /**
     * Runs step ID's script as the runner does (bash --noprofile --norc -eo pipefail) and collects its outputs;
     * the download comes from the local release unless the inputs say otherwise.
     */
    private Run runStep(String id, Map<String, String> given, Path summary, String actionRef) throws Exception {
        Map<String, String> with = new HashMap<>(given);
        with.putIfAbsent("download-url", downloadUrl);
        Map<String, Object> step = steps().stream().filter(s -> id.equals(s.get("id"))).findFirst().orElseThrow();
        String script = (String) step.get("run");
        assertThat(script).as("no expression is pasted into a script").doesNotContain("${{");
        Path file = work.resolve(id + ".sh");
        Files.writeString(file, script);
        Path output = work.resolve(id + ".output");
        Files.deleteIfExists(output);
        Files.createFile(output);

        Map<String, String> env = new HashMap<>();
        @SuppressWarnings("unchecked")
        var declared = (Map<String, Object>) step.get("env");
        for (var e : declared.entrySet()) {
            env.put(e.getKey(), expand(String.valueOf(e.getValue()), with, actionRef));
        }
        env.put("PATH", Path.of(Run.java()).getParent() + ":" + System.getenv("PATH"));
        env.put("RUNNER_TEMP", Files.createDirectories(work.resolve("runner-temp")).toString());
        env.put("RUNNER_TOOL_CACHE", work.resolve("toolcache").toString());
        env.put("GITHUB_ACTION_PATH", Run.root().toString());
        env.put("GITHUB_OUTPUT", output.toString());
        env.put("GITHUB_STEP_SUMMARY", summary == null ? null : summary.toString());
        Run run = Run.of(List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString()), workspace, env);
        for (String line : Files.readAllLines(output)) {
            int eq = line.indexOf('=');
            outputs.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return run;
    }

    /** ${{ inputs.X }} (the given value, else the default), ${{ github.action_ref }}, ${{ steps.fetch.outputs.jar }}. */
    private String expand(String value, Map<String, String> with, String actionRef) {
        Matcher m = EXPRESSION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1);
            String replacement;
            if (expression.startsWith("inputs.")) {
                String name = expression.substring("inputs.".length());
                assertThat(inputs()).as("input " + name).containsKey(name);
                @SuppressWarnings("unchecked")
                var input = (Map<String, Object>) inputs().get(name);
                replacement = with.getOrDefault(name, String.valueOf(input.getOrDefault("default", "")));
            } else if (expression.equals("github.action_ref")) {
                replacement = actionRef;
            } else if (expression.equals("steps.fetch.outputs.jar")) {
                replacement = outputs.getOrDefault("jar", "");
            } else {
                throw new AssertionError("unexpected expression " + expression);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> steps() {
        return (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> inputs() {
        return (Map<String, Object>) action.get("inputs");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) throws Exception {
        return new LinkedHashMap<>((Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(file)));
    }
}
