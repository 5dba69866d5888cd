package dev.ecrguard.load.terraform;

import static dev.ecrguard.load.LoadSupport.read;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.Loaders;
import dev.ecrguard.cli.CliRun;
import dev.ecrguard.load.InputValues;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.load.VariableSetting;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Terraform source end to end: folders read as modules, variables, modules, addresses and bad input. */
class TerraformSourceTest {
    @TempDir
    Path dir;

    private static final String VARIABLE = """
            variable "mutability" {
              type = string
            }
            """;
    private static final String REPOSITORY = """
            resource "aws_ecr_repository" "app" {
              name                 = "app"
              image_tag_mutability = var.mutability
              image_scanning_configuration {
                scan_on_push = true
              }
            }
            """;

    private CliRun check(String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--format", "json", "--fail-on", "warning"));
        all.addAll(List.of(args));
        return CliRun.run(all);
    }

    private Path infra() {
        Path infra = dir.resolve("infra");
        write(infra, "variables.tf", VARIABLE);
        write(infra, "main.tf", REPOSITORY);
        return infra;
    }

    @Test
    void variablesComeFromTfvarsInTerraformsOrderAndTheCommandLineWinsInItsOwnOrder() throws Exception {
        Path infra = infra();
        write(infra, "terraform.tfvars", "mutability = \"MUTABLE\"\n");
        write(infra, "a.auto.tfvars", "mutability = \"MUTABLE\"\n");
        write(infra, "b.auto.tfvars.json", "{\"mutability\": \"IMMUTABLE\"}");
        Path immutable = write(dir, "immutable.tfvars", "mutability = \"IMMUTABLE\"\n");

        assertThat(check(infra.toString()).findings()).isEmpty(); // b.auto.tfvars.json is read last
        assertThat(check("--var", "mutability=MUTABLE", infra.toString()).findings())
                .containsExactly("ECR001 aws_ecr_repository.app");
        assertThat(check("--var", "mutability=MUTABLE", "--var-file", immutable.toString(), infra.toString())
                .findings()).isEmpty();
        assertThat(check("--var-file", immutable.toString(), "--var", "mutability=MUTABLE", infra.toString())
                .findings()).containsExactly("ECR001 aws_ecr_repository.app");
    }

    @Test
    void theEnvironmentsTfVarsComeBeforeTheVariableFilesAndTheCommandLine() {
        Path infra = infra();
        List<VariableSetting> environment = VariableSetting.fromEnvironment(
                Map.of("TF_VAR_mutability", "MUTABLE", "TF_VAR_", "x", "PATH", "/bin"));
        assertThat(environment).containsExactly(new VariableSetting.Environment("mutability", "MUTABLE"));

        assertThat(mutability(infra, environment)).isEqualTo("MUTABLE");
        write(infra, "terraform.tfvars", "mutability = \"IMMUTABLE\"\n");
        assertThat(mutability(infra, environment)).as("a variable file wins").isEqualTo("IMMUTABLE");
        List<VariableSetting> commandLine = new ArrayList<>(environment);
        commandLine.add(new VariableSetting.Assignment("mutability", "IMMUTABLE_WITH_EXCLUSION"));
        assertThat(mutability(infra, commandLine)).isEqualTo("IMMUTABLE_WITH_EXCLUSION");
    }

    private static String mutability(Path infra, List<VariableSetting> settings) {
        LoadResult result = Loaders.load(List.of(infra.toString()), new InputValues(Map.of(), settings),
                InputStream.nullInputStream());
        assertThat(result.errors).isEmpty();
        return result.model.repositories.get(0).tagMutability().value().asText();
    }

    @Test
    void aVariableWithoutAValueIsUnknownAndTheFindingNamesIt() throws Exception {
        CliRun run = check(infra().toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.findings()).containsExactly("ECR004 aws_ecr_repository.app");
        assertThat(run.json().path("findings").get(0).path("message").asText())
                .contains("var.mutability has no value").contains("--var mutability=");
    }

    @Test
    void anUnknownMutabilityQuotesTheExpressionItComesFromOnOneLine() throws Exception {
        write(dir.resolve("infra"), "main.tf", """
                variable "env" {}
                resource "aws_ecr_repository" "app" {
                  image_tag_mutability = (var.env == "prod"
                    ? "IMMUTABLE" : "MUTABLE")
                }
                """);

        CliRun run = check(dir.resolve("infra").toString());

        assertThat(run.findings()).contains("ECR004 aws_ecr_repository.app");
        assertThat(run.json().path("findings").findValuesAsText("message")).anySatisfy(m -> assertThat(m).contains(
                "(var.env == \"prod\" ? \"IMMUTABLE\" : \"MUTABLE\"): a condition that is not known statically "
                + "(var.env has no value"));
    }

    @Test
    void aCommandLineValueOfATypedVariableIsAnExpression() throws Exception {
        Path infra = dir.resolve("infra");
        write(infra, "main.tf", """
                variable "settings" {
                  type = object({ mutability = optional(string, "IMMUTABLE"), scan = bool })
                }
                resource "aws_ecr_repository" "app" {
                  name                 = "app"
                  image_tag_mutability = var.settings.mutability
                  image_scanning_configuration {
                    scan_on_push = var.settings.scan
                  }
                }
                """);

        assertThat(check("--var", "settings={ scan = \"true\" }", infra.toString()).findings()).isEmpty();
        assertThat(check("--var", "settings={ scan = false, mutability = \"MUTABLE\" }", infra.toString())
                .findings()).containsExactly("ECR001 aws_ecr_repository.app", "ECR003 aws_ecr_repository.app");
        assertThat(check("--var", "settings={ scan = true }\nother = 1", infra.toString()).findings())
                .as("one expression, not a file of them").containsExactly("ECR004 aws_ecr_repository.app");
        assertThat(check("--var", "novalue", infra.toString()).exit()).isEqualTo(2);
    }

    @Test
    void localModulesGetThePlansAddressesAndAreJudgedThroughTheirCallersOnly() throws Exception {
        Path modules = dir.resolve("modules/repository");
        write(modules, "main.tf", VARIABLE + REPOSITORY.replace("\"app\" {", "\"this\" {"));
        write(dir.resolve("envs/prod"), "main.tf", """
                module "repos" {
                  source     = "../../modules/repository"
                  for_each   = { api = "IMMUTABLE", web = "MUTABLE" }
                  mutability = each.value
                }
                module "counted" {
                  source     = "../../modules/repository"
                  count      = 2
                  mutability = count.index == 0 ? "IMMUTABLE" : "MUTABLE"
                }
                """);

        write(dir.resolve("envs/dev"), "main.tf", read(dir.resolve("envs/prod/main.tf")));

        CliRun run = check(dir.toString());

        // each root module that calls the shared module has its own findings, where it calls it
        assertThat(run.findings()).containsExactly("ECR001 module.repos[\"web\"].aws_ecr_repository.this",
                "ECR001 module.counted[1].aws_ecr_repository.this",
                "ECR001 module.repos[\"web\"].aws_ecr_repository.this",
                "ECR001 module.counted[1].aws_ecr_repository.this");
        assertThat(run.json().path("findings").findValuesAsText("file")).containsExactly(
                dir.resolve("envs/dev/main.tf").toString(), dir.resolve("envs/dev/main.tf").toString(),
                dir.resolve("envs/prod/main.tf").toString(), dir.resolve("envs/prod/main.tf").toString());
        assertThat(run.json().path("findings").findValuesAsText("line")).containsExactly("1", "6", "1", "6");
        assertThat(run.json().path("summary").path("files").asInt()).as("each file read once").isEqualTo(3);
    }

    @Test
    void aRootsOwnModuleIsReportedWhereTheResourceIsDeclared() throws Exception {
        Path infra = dir.resolve("infra");
        write(infra.resolve("modules/repository"), "main.tf", VARIABLE + REPOSITORY.replace("\"app\" {", "\"this\" {"));
        write(infra, "main.tf", "module \"repo\" {\n  source     = \"./modules/repository\"\n  mutability = \"MUTABLE\"\n}\n");

        CliRun run = check(infra.toString());

        assertThat(run.findings()).containsExactly("ECR001 module.repo.aws_ecr_repository.this");
        assertThat(run.json().path("findings").get(0).path("file").asText())
                .isEqualTo(infra.resolve("modules/repository/main.tf").toString());
    }

    @Test
    void aFetchedModuleIsReadFromWhatTerraformInitWrote() throws Exception {
        Path root = dir.resolve("live");
        write(root, "main.tf", """
                module "ecr" {
                  source     = "terraform-aws-modules/ecr/aws"
                  version    = "~> 2.0"
                  mutability = "MUTABLE"
                }
                """);
        write(root.resolve(".terraform/modules/ecr"), "main.tf", VARIABLE + REPOSITORY);
        write(root.resolve(".terraform/modules"), "modules.json", """
                {"Modules":[{"Key":"","Source":"","Dir":"."},
                 {"Key":"ecr","Source":"registry.terraform.io/terraform-aws-modules/ecr/aws","Version":"2.3.0",
                  "Dir":".terraform/modules/ecr"}]}
                """);

        assertThat(check(root.toString()).findings()).containsExactly("ECR001 module.ecr.aws_ecr_repository.app");

        // a call whose source changed since terraform init is not read from the old module (Terraform would not plan)
        write(root, "main.tf", read(root.resolve("main.tf")).replace("terraform-aws-modules/ecr/aws", "acme/ecr/aws"));
        CliRun changed = check(root.toString());
        assertThat(changed.findings()).containsExactly("ECR004 module.ecr");
        assertThat(changed.err()).contains("module.ecr is not checked: its source acme/ecr/aws has not been fetched, "
                + "or was fetched from another source");
    }

    @Test
    void aModuleThatWasNotFetchedIsNamedAndAnEcrOneIsUnknown() throws Exception {
        Path root = dir.resolve("live");
        write(root, "main.tf", """
                module "ecr" {
                  source = "git::https://github.com/cloudposse/terraform-aws-ecr.git?ref=1.0.0"
                }
                module "vpc" {
                  source = "terraform-aws-modules/vpc/aws"
                }
                module "images" {
                  source               = "app.terraform.io/acme/images/aws"
                  image_tag_mutability = "IMMUTABLE"
                }
                """ + REPOSITORY.replace("var.mutability", "\"IMMUTABLE\""));

        CliRun run = check(root.toString());

        assertThat(run.findings()).containsExactlyInAnyOrder("ECR004 module.ecr", "ECR004 module.images");
        assertThat(run.err()).contains("main.tf:1: skipped: module.ecr is not checked: its source "
                + "git::https://github.com/cloudposse/terraform-aws-ecr.git?ref=1.0.0 has not been fetched")
                .contains("run terraform init").contains("module.vpc is not checked");
        assertThat(run.json().path("findings").get(0).path("message").asText()).contains("terraform init");
    }

    @Test
    void keysThatAreNotKnownGiveOneAddressWithAStarAndSaySo() throws Exception {
        Path infra = dir.resolve("infra");
        write(infra, "main.tf", """
                variable "names" {
                  type = set(string)
                }
                resource "aws_ecr_repository" "r" {
                  for_each = var.names
                  name     = each.key
                }
                """);

        CliRun run = check(infra.toString());

        assertThat(run.findings()).contains("ECR001 aws_ecr_repository.r[*]");
        assertThat(run.err()).contains("main.tf:4: skipped: aws_ecr_repository.r[*] stands for all its instances: "
                + "var.names has no value");
    }

    @Test
    void aMapWithSomeValuesUnknownStillHasItsKeys() throws Exception {
        write(dir.resolve("infra"), "main.tf", """
                variable "v" {}
                resource "aws_ecr_repository" "r" {
                  for_each             = { api = "MUTABLE", web = var.v }
                  image_tag_mutability = each.value
                  image_scanning_configuration {
                    scan_on_push = true
                  }
                }
                """);

        assertThat(check(dir.resolve("infra").toString()).findings()).containsExactly(
                "ECR001 aws_ecr_repository.r[\"api\"]", "ECR004 aws_ecr_repository.r[\"web\"]");
    }

    @Test
    void containerImagesInJsonencodeAreLinkedToTheRepositoriesTheyPull() throws Exception {
        for (String mutability : List.of("MUTABLE", "IMMUTABLE")) {
            Path infra = Files.createTempDirectory(dir, mutability);
            write(infra, "main.tf", REPOSITORY.replace("var.mutability", "\"" + mutability + "\"") + """
                    resource "aws_ecs_task_definition" "worker" {
                      family = "worker"
                      container_definitions = jsonencode([
                        { name = "worker", image = "${aws_ecr_repository.app.repository_url}:v1", essential = true },
                      ])
                    }
                    """);

            CliRun run = check(infra.toString());

            if (mutability.equals("MUTABLE")) {
                assertThat(run.findings()).containsExactly("ECR001 aws_ecr_repository.app",
                        "ECR008 aws_ecs_task_definition.worker");
                assertThat(run.json().path("findings").get(1).path("message").asText())
                        .contains("aws_ecr_repository.app");
            } else {
                assertThat(run.findings()).as("a tag of an immutable repository cannot move").isEmpty();
            }
        }
    }

    @Test
    void aNamedFileIsReadWithTheRestOfItsFolder() throws Exception {
        Path infra = infra();
        write(infra, "values.auto.tfvars", "mutability = \"MUTABLE\"\n");

        CliRun run = check(infra.resolve("main.tf").toString());

        assertThat(run.findings()).containsExactly("ECR001 aws_ecr_repository.app");
    }

    @Test
    void jsonConfigurationBesideHclIsPartOfTheSameModule() throws Exception {
        Path infra = dir.resolve("infra");
        write(infra, "main.tf", REPOSITORY);
        write(infra, "variables.tf.json", """
                {"variable": {"mutability": {"type": "string", "default": "${not a template}"}},
                 "locals": {"filters": ["latest", "dev-*"]}}
                """);
        write(infra, "more.tf.json", """
                {"//": "generated",
                 "resource": {"aws_ecr_repository": {"json": {
                   "name": "${var.mutability}-json",
                   "image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION",
                   "image_scanning_configuration": {"scan_on_push": true},
                   "dynamic": {"image_tag_mutability_exclusion_filter": {
                     "for_each": "${local.filters}",
                     "content": {"filter": "${image_tag_mutability_exclusion_filter.value}", "filter_type": "WILDCARD"}}}
                 }}},
                 "module": {"copy": {"source": "./copy", "mutability": "MUTABLE"}}}
                """);
        write(infra.resolve("copy"), "main.tf", VARIABLE + REPOSITORY.replace("\"app\" {", "\"this\" {"));
        Path jsonOnly = dir.resolve("json-only");
        write(jsonOnly, "main.tf.json", "{\"resource\": {\"aws_ecr_repository\": {\"alone\": {\"name\": \"a\"}}}}");

        CliRun run = check(infra.toString(), jsonOnly.toString());

        // the HCL resource takes the JSON variable's default (not a template there), the JSON resource the HCL module's
        // variables, and the JSON module call is followed; a folder of JSON alone is read as before, file by file
        assertThat(run.findings()).containsExactlyInAnyOrder("ECR004 aws_ecr_repository.app",
                "ECR002 aws_ecr_repository.json", "ECR009 aws_ecr_repository.json",
                "ECR001 module.copy.aws_ecr_repository.this",
                "ECR001 aws_ecr_repository.alone", "ECR003 aws_ecr_repository.alone");
        assertThat(run.json().path("findings").findValuesAsText("message")).anySatisfy(m -> assertThat(m)
                .contains("\"latest\", \"dev-*\""));
    }

    @Test
    void aJsonBlockBodyThatIsNotAnObjectIsAnInputErrorNotPassedOver() throws Exception {
        Path infra = dir.resolve("infra");
        write(infra, "main.tf", REPOSITORY.replace("var.mutability", "\"IMMUTABLE\""));
        write(infra, "more.tf.json", """
                {"//": "generated", "resource": {"aws_ecr_repository": {"hidden": ["MUTABLE"]}}}
                """);

        CliRun run = check(infra.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("more.tf.json:1: a block's body must be a JSON object (or a list of them), "
                + "not string (Terraform refuses it)");
    }

    @Test
    void overrideFilesAndTofuFilesAreMergedAsTerraformAndOpenTofuDo() throws Exception {
        Path infra = dir.resolve("infra");
        write(infra, "main.tf", REPOSITORY.replace("var.mutability", "\"MUTABLE\""));
        write(infra, "main_override.tf", """
                resource "aws_ecr_repository" "app" {
                  image_tag_mutability = "IMMUTABLE"
                }
                """);
        write(infra, "extra.tf", "resource \"aws_ecr_repository\" \"extra\" {\n  name = \"extra\"\n}\n");
        write(infra, "extra.tofu", "");

        assertThat(check(infra.toString()).findings()).isEmpty();
    }

    @Test
    void aSyntaxErrorIsAnInputErrorNamingFileAndLineAndTheOtherRootsAreStillChecked() throws Exception {
        write(dir.resolve("broken"), "main.tf", "resource \"aws_ecr_repository\" \"a\" {\n  name = \n}\n");
        write(dir.resolve("fine"), "main.tf", REPOSITORY.replace("var.mutability", "\"MUTABLE\""));

        CliRun run = check(dir.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains(dir.resolve("broken/main.tf") + ":2: column 10: expected an expression").doesNotContain("\tat ");
        assertThat(run.findings()).containsExactly("ECR001 aws_ecr_repository.app");
    }

    @Test
    void hostileSourceIsAnInputErrorOrPassedOverNeverAPass() throws Exception {
        Path loop = dir.resolve("loop");
        write(loop, "main.tf", "module \"again\" {\n  source = \"./\"\n}\nmodule \"down\" {\n  source = \"./sub\"\n}\n");
        write(loop.resolve("sub"), "main.tf", "module \"up\" {\n  source = \"../\"\n}\n");
        Path binary = dir.resolve("binary");
        write(binary, "main.tf", new byte[] {'a', ' ', '=', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '\n'});
        Path outside = Files.createTempDirectory("ecr-guard-outside");
        Path linked = dir.resolve("linked");
        Files.createDirectories(linked);
        Files.writeString(outside.resolve("secret.tf"), REPOSITORY.replace("var.mutability", "\"MUTABLE\""),
                StandardCharsets.UTF_8);
        Files.createSymbolicLink(linked.resolve("secret.tf"), outside.resolve("secret.tf"));
        write(linked, "main.tf", REPOSITORY.replace("var.mutability", "\"IMMUTABLE\""));

        CliRun run = check(loop.toString(), binary.toString(), linked.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("a module that calls itself")
                .contains(binary.resolve("main.tf") + ": not UTF-8 text")
                .contains("secret.tf: skipped: a symbolic link to a file outside the folder being checked");
        assertThat(run.findings()).isEmpty();
    }

    @Test
    void aBlockTerraformRefusesIsAnInputErrorNotAResourcePassedOver() throws Exception {
        write(dir.resolve("infra"), "main.tf", "resource \"aws_ecr_repository\" {\n  name = \"app\"\n}\n");

        CliRun run = check(dir.resolve("infra").toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("main.tf:1: a resource block takes 2 labels, not 1 (Terraform refuses it)");
    }

    @Test
    void manyExpensiveExpressionsRunOutOfTheRootsBudgetIntoUnknownsNotIntoHours() throws Exception {
        StringBuilder source = new StringBuilder("locals {\n  l0 = [1, 2]\n");
        for (int i = 1; i <= 17; i++) {
            source.append("  l").append(i).append(" = concat(local.l").append(i - 1).append(", local.l")
                    .append(i - 1).append(")\n");
        }
        source.append("}\n");
        for (int i = 0; i < 200; i++) {
            source.append("resource \"aws_ecr_repository\" \"r").append(i).append("\" {\n")
                    .append("  image_tag_mutability = length([for x in local.l17 : x]) > 0 ? \"IMMUTABLE\" : \"MUTABLE\"\n")
                    .append("  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n");
        }
        write(dir.resolve("infra"), "main.tf", source.toString());

        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> check(dir.resolve("infra").toString()));

        assertThat(run.findings()).as("the first ones are evaluated, the rest are unknown").contains(
                "ECR004 aws_ecr_repository.r199").doesNotContain("ECR004 aws_ecr_repository.r0")
                .noneMatch(f -> f.startsWith("ECR001"));
        assertThat(run.out()).contains("too complex to evaluate statically");
    }

    @Test
    void aBaselineMadeFromSourceCoversThePlanOfTheSameCode() throws Exception {
        Path examples = Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("terraform");
        CliRun baseline = CliRun.run("baseline", examples.resolve("infra").toString());
        assertThat(baseline.exit()).as(baseline.err()).isZero();
        Path file = write(dir, "baseline.json", baseline.out());

        CliRun source = check(examples.resolve("infra").toString());
        CliRun plan = check("--baseline", file.toString(), examples.resolve("plan-registry.json").toString());

        assertThat(source.findings()).hasSize(10);
        assertThat(source.json().path("summary").path("files").asInt()).as("six files and the module's").isEqualTo(7);
        assertThat(plan.ids("baselined")).containsExactlyInAnyOrderElementsOf(source.findings());
        // what only a plan knows: the change from IMMUTABLE to MUTABLE of a repository that exists
        assertThat(plan.findings()).containsExactly("ECR005 aws_ecr_repository.tools");
        JsonNode first = source.json().path("findings").get(0);
        assertThat(first.path("line").asInt()).isPositive();
    }
}
