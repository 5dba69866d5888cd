package dev.ecrguard.load.terraform.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform itself as the oracle of the evaluator: every case of {@code operators.tsv} and {@code functions.tsv}
 * that ecr-guard evaluates (a value or a refusal) is evaluated by {@code terraform console} too, in one call, and the
 * two must agree. Runs where a {@code terraform} binary is found ({@code TERRAFORM}, or on {@code PATH}); CI has one.
 */
class TerraformConsoleOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFUSED = "REFUSED";

    @TempDir
    Path dir;

    private record Case(String expression, String expected) {}

    @Test
    void everyCaseTheEvaluatorAnswersIsWhatTerraformConsoleAnswers() throws Exception {
        Path terraform = terraform();
        assumeTrue(terraform != null, "no terraform binary (set TERRAFORM or put it on PATH)");
        List<Case> cases = new ArrayList<>();
        for (String table : List.of("operators.tsv", "functions.tsv")) {
            cases.addAll(cases(table));
        }
        // nonsensitive: one sensitive() case would make the console hide the whole answer
        StringBuilder all = new StringBuilder("nonsensitive(jsonencode([");
        for (Case c : cases) {
            // the tests' variables, written as the values they have there
            String expression = c.expression().replaceAll("\\bvar\\.s\\b", "\"a\"").replaceAll("\\bvar\\.n\\b", "2");
            all.append("try(jsonencode(").append(expression).append("), \"").append(REFUSED).append("\"),");
        }
        all.append("]))\n");

        List<String> answers = console(terraform, all.toString());

        assertThat(answers).hasSize(cases.size());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String answer = answers.get(i);
            boolean agree = c.expected().startsWith("refused: ") ? answer.equals(REFUSED)
                    : !answer.equals(REFUSED) && same(JSON.readTree(c.expected()), JSON.readTree(answer));
            if (!agree) {
                differences.add(c.expression() + ": ecr-guard " + c.expected() + ", terraform " + answer);
            }
        }
        assertThat(differences).as("cases compared: %d", cases.size()).isEmpty();
        assertThat(cases.size()).as("the tables' known and refused cases").isGreaterThan(100);
    }

    /** The cases ecr-guard answers: those it says are unknown (Terraform may know more) are left out. */
    private static List<Case> cases(String table) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = TerraformConsoleOracleTest.class.getResourceAsStream("/terraform/source/" + table)) {
            for (String line : new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8)
                    .split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0 && !line.substring(tab + 1).startsWith("unknown: ")) {
                    cases.add(new Case(line.substring(0, tab), line.substring(tab + 1)));
                }
            }
        }
        return cases;
    }

    /** Terraform's answers: its console prints the JSON text of the tuple of answers as one quoted string. */
    private List<String> console(Path terraform, String expression) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(terraform.toString(), "console").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("TF_IN_AUTOMATION", "1", "CHECKPOINT_DISABLE", "1"));
        Process process = builder.start();
        process.getOutputStream().write(expression.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        String quoted = out.strip();
        // an HCL string: JSON's escapes, and ${ and %{ doubled
        String text = JSON.readTree(quoted.replace("$${", "${").replace("%%{", "%{")).textValue();
        List<String> answers = new ArrayList<>();
        JSON.readTree(text).forEach(answer -> answers.add(answer.textValue()));
        return answers;
    }

    /** JSON equality with numbers compared by value (Terraform writes 7 where Jackson writes 7.0). */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isContainerNode() && b.isContainerNode()) {
            if (a.isArray() != b.isArray() || a.size() != b.size()) {
                return false;
            }
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) {
                    if (!same(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!b.has(name) || !same(a.get(name), b.get(name))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static Path terraform() {
        String configured = System.getenv("TERRAFORM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, "terraform");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
