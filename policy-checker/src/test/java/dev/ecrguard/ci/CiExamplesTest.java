package dev.ecrguard.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecrguard.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs the ecr-guard commands that the CI examples in examples/ci contain, on the bundled examples. The GitHub
 * Actions example runs the project's action (action.yml), whose steps cli/GithubActionTest runs.
 */
class CiExamplesTest {
    private static final Path CI = Path.of("../examples/ci");
    private static final String PLAN = "../examples/terraform/plan-registry.json";

    @TempDir
    Path work;

    @Test
    void theGitlabJobWritesAJunitReport() throws Exception {
        int exit = run(onlyCommand("gitlab-ci.yml"), Map.of());

        assertThat(exit).isEqualTo(1);
        assertThat(lastOut).contains("ECR005 aws_ecr_repository.tools");
        var junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(work.resolve("ecr-guard-junit.xml").toFile());
        assertThat(junit.getElementsByTagName("failure").getLength()).isEqualTo(11);
    }

    @Test
    void thePreCommitHookScansTheFolder() throws Exception {
        List<Object> hooks = yamlList("pre-commit-hooks.yaml");
        @SuppressWarnings("unchecked")
        Map<String, Object> hook = (Map<String, Object>) hooks.get(0);
        List<String> args = new ArrayList<>(List.of(((String) hook.get("entry")).split(" ")));
        @SuppressWarnings("unchecked")
        List<String> extra = (List<String>) hook.get("args");
        assertThat(extra).containsExactly(".");
        args.add("../examples");

        assertThat(main(args.subList(1, args.size()))).isEqualTo(1);
        assertThat(lastOut).contains("ECR005 aws_ecr_repository.tools", "ECR001 SandboxRepo");
    }

    private String lastOut = "";

    /** The one `ecr-guard ...` command line in a CI file (which must be valid YAML). */
    private static String onlyCommand(String file) throws Exception {
        assertThat(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(CI.resolve(file))))
                .as(file).isInstanceOf(Map.class);
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(CI.resolve(file))) {
            int at = line.indexOf("ecr-guard check");
            if (at >= 0) {
                commands.add(line.substring(at).strip());
            }
        }
        assertThat(commands).as(file).hasSize(1);
        return commands.get(0);
    }

    /** Runs a command line as a shell would split it, with output files in the work folder. */
    private int run(String command, Map<String, String> substitutions) {
        String line = command;
        for (Map.Entry<String, String> s : substitutions.entrySet()) {
            line = line.replace(s.getKey(), s.getValue());
        }
        List<String> args = new ArrayList<>();
        for (String word : line.split("\\s+")) {
            args.add(rewrite(word.replace("\"", "")));
        }
        assertThat(args.get(0)).isEqualTo("ecr-guard");
        return main(args.subList(1, args.size()));
    }

    /** plan.json is the example plan; FORMAT=relative-file goes to the work folder. */
    private String rewrite(String word) {
        if (word.equals("plan.json")) {
            return PLAN;
        }
        int eq = word.indexOf('=');
        if (eq > 0 && !word.startsWith("-") && !Path.of(word.substring(eq + 1)).isAbsolute()) {
            return word.substring(0, eq + 1) + work.resolve(word.substring(eq + 1));
        }
        return word;
    }

    private int main(List<String> args) {
        CliRun run = CliRun.run(args);
        lastOut = run.out();
        return run.exit();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> yamlList(String file) throws Exception {
        return (List<Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(CI.resolve(file)));
    }
}
