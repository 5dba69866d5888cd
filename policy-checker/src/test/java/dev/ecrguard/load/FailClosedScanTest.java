package dev.ecrguard.load;

import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.load;
import static dev.ecrguard.load.LoadSupport.loadOk;
import static dev.ecrguard.load.LoadSupport.read;
import static dev.ecrguard.load.LoadSupport.repo;
import static dev.ecrguard.load.LoadSupport.repositoryIds;
import static dev.ecrguard.load.LoadSupport.resource;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecrguard.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a folder scan or a plan does not read must never make the run pass: each case here exited 0 on a mutable
 * repository before (issue 9's silent passes on the Terraform and assembly side, issue 8's "no silent pass").
 */
class FailClosedScanTest {
    private static final String MUTABLE_TEMPLATE = """
            Resources:
              Repo:
                Type: AWS::ECR::Repository
                Properties:
                  ImageTagMutability: MUTABLE
            """;

    @TempDir
    Path dir;

    @Test
    void aFolderWithNoInputIsAnInputErrorAndAnEmptyFolderToo() throws Exception {
        write(dir, "docs/README.md", "# infra\n");
        write(dir, "docs/package.json", "{\"name\": \"x\"}");
        Files.createDirectories(dir.resolve("empty"));

        CliRun docs = CliRun.run("check", dir.resolve("docs").toString());
        CliRun empty = CliRun.run("check", dir.resolve("empty").toString());

        assertThat(docs.exit()).isEqualTo(3);
        assertThat(docs.err()).contains(dir.resolve("docs") + ": no Terraform, CloudFormation, CDK or CDKTF input "
                + "found under " + dir.resolve("docs"));
        assertThat(empty.exit()).isEqualTo(3);
        assertThat(empty.err()).contains("no Terraform, CloudFormation, CDK or CDKTF input found under");
    }

    @Test
    void infrastructureCodeThatIsNotReadIsNamedWithWhatToDoInTextOutputToo() throws Exception {
        write(dir, "infra/prod.tfvars", "mutability = \"MUTABLE\"\n");
        write(dir, "infra/tfplan", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 1, 2});
        write(dir, "infra/Pulumi.yaml", "name: registry\nruntime: nodejs\n");
        write(dir, "infra/plan.json", read(resource("terraform/plan-actions.json")));

        CliRun run = CliRun.run("check", dir.resolve("infra").toString());

        assertThat(run.err()).contains(dir.resolve("infra/prod.tfvars") + ": skipped: Terraform reads this variable "
                + "file only when it is named: give it with --var-file prod.tfvars");
        assertThat(run.err()).contains(dir.resolve("infra/tfplan") + ": skipped: a binary Terraform plan: check its "
                + "JSON (terraform show -json tfplan > plan.json)");
        assertThat(run.err()).contains(dir.resolve("infra/Pulumi.yaml") + ": skipped: a Pulumi project");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void aFolderOfOnlyVariableFilesIsNotAPass() {
        write(dir, "infra/prod.tfvars", "mutability = \"MUTABLE\"\n");
        write(dir, "infra/terraform.tfvars", "mutability = \"MUTABLE\"\n");

        CliRun run = CliRun.run("check", dir.resolve("infra").toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("prod.tfvars: skipped: Terraform reads this variable file only when it is named")
                .contains("no Terraform, CloudFormation, CDK or CDKTF input found under");
    }

    @Test
    void aDecoyAssemblyManifestCoversNothingAndTheRestOfTheTreeIsStillRead() throws Exception {
        for (String decoy : new String[] {"{\"version\":\"36.0.0\",\"artifacts\":{}}",
                "{\"version\":\"36.0.0\",\"artifacts\":null}", "{\"version\":\"0.19.2\",\"stacks\":{}}"}) {
            Path root = Files.createTempDirectory(dir, "decoy");
            write(root, "manifest.json", decoy);
            write(root, "stacks/registry.yaml", MUTABLE_TEMPLATE);

            CliRun run = CliRun.run("check", "--format", "json", root.toString());

            assertThat(run.exit()).as(decoy + "\n" + run.err()).isEqualTo(1);
            assertThat(run.findings()).as(decoy).contains("ECR001 Repo");
            assertThat(run.err()).as(decoy).contains("manifest.json: skipped: the ")
                    .contains("names no stack, so nothing was read through it");
        }
    }

    @Test
    void anAssemblyCoversItsStacksAndAssetsButNotOtherFilesBesideThem() throws Exception {
        Path assembly = dir.resolve("cdk.out");
        write(assembly, "manifest.json", """
                {"version": "36.0.0", "artifacts": {
                  "Registry.assets": {"type": "cdk:asset-manifest", "properties": {"file": "Registry.assets.json"}},
                  "Registry": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Registry.template.json"}},
                  "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}}}
                """);
        write(assembly, "Registry.template.json", "{\"Resources\": {\"Repo\": {\"Type\": \"AWS::ECR::Repository\", "
                + "\"Properties\": {\"ImageTagMutability\": \"IMMUTABLE\"}}}}");
        write(assembly, "Registry.assets.json", "{\"version\": \"36.0.0\", \"files\": {\"abc\": {\"source\": "
                + "{\"path\": \"asset.abc\", \"packaging\": \"zip\"}}}}");
        write(assembly, "tree.json", "{\"version\": \"tree-0.1\"}");
        write(assembly, "asset.abc/config/broken.yaml", "key: [unclosed\n"); // Lambda code: not ours to judge
        write(assembly, "extra/hidden.yaml", MUTABLE_TEMPLATE); // named by nothing: scanned as usual

        CliRun run = CliRun.run("check", "--format", "json", assembly.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.findings()).contains("ECR001 Repo");
        assertThat(run.json().path("errors")).isEmpty();
        assertThat(run.json().path("skipped").toString()).doesNotContain("tree.json").doesNotContain("assets.json");
    }

    @Test
    void aCdkArtifactOfAnUnknownTypeFailsTheAssembly() {
        Path assembly = dir.resolve("cdk.out");
        write(assembly, "manifest.json", "{\"version\": \"36.0.0\", \"artifacts\": {\"Registry\": "
                + "{\"type\": \"aws:cloudformation:stack-v2\", \"properties\": {\"templateFile\": \"t.json\"}}}}");
        write(assembly, "t.json", "{\"Resources\": {}}");

        LoadResult result = load(assembly);

        assertThat(result.errors).extracting(InputError::oneLine).contains(assembly.resolve("manifest.json")
                + ": artifact Registry has type \"aws:cloudformation:stack-v2\", which ecr-guard does not know, so it "
                + "cannot tell what it deploys");
    }

    @Test
    void aNulInAManifestPathIsAnInputErrorOfThatFileAndOtherFilesAreStillReported() {
        Path assembly = dir.resolve("cdk.out");
        write(assembly, "manifest.json", "{\"version\": \"36.0.0\", \"artifacts\": {\"Registry\": "
                + "{\"type\": \"aws:cloudformation:stack\", \"properties\": {\"templateFile\": \"a\\u0000b.json\"}}}}");
        Path other = write(dir, "other/registry.yaml", MUTABLE_TEMPLATE);

        LoadResult result = load(assembly, other);

        assertThat(result.errors).hasSize(1);
        assertThat(result.errors.get(0).file()).endsWith("manifest.json");
        assertThat(repositoryIds(result)).containsExactly("Repo");
    }

    @Test
    void aFifoOrADanglingLinkInAFolderIsAnInputErrorAndAFifoOnTheCommandLineDoesNotBlock() throws Exception {
        write(dir, "infra/registry.yaml", MUTABLE_TEMPLATE);
        Path fifo = dir.resolve("infra/pipe.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
        Files.createSymbolicLink(dir.resolve("infra/gone.yaml"), dir.resolve("nowhere.yaml"));

        LoadResult scanned = load(dir.resolve("infra"));
        LoadResult named = load(fifo);

        assertThat(scanned.errors).extracting(InputError::oneLine).containsExactlyInAnyOrder(
                fifo + ": not a regular file or folder (a FIFO, socket or device)",
                dir.resolve("infra/gone.yaml") + ": a symbolic link to nothing (its target does not exist)");
        assertThat(repositoryIds(scanned)).containsExactly("Repo");
        assertThat(named.errors).extracting(InputError::oneLine)
                .containsExactly(fifo + ": not a regular file (a FIFO, socket or device)");
    }

    @Test
    @Tag("child-jvm")
    void aFileThatExhaustsTheHeapIsAnInputErrorOfItsOwnAndTheOtherFilesAreReported() throws Exception {
        StringBuilder huge = new StringBuilder("{\"Resources\": {\"R\": {\"Type\": \"AWS::ECR::Repository\", "
                + "\"Properties\": {\"ImageTagMutability\": \"IMMUTABLE\", \"Tags\": [\"t\"");
        for (int i = 0; i < 1_500_000; i++) {
            huge.append(",\"t").append(i).append('"'); // distinct strings: about 80 MB of nodes, over a 48 MB heap
        }
        huge.append("]}}}}");
        Path big = write(dir, "big.json", huge.toString());
        Path small = write(dir, "small.yaml", MUTABLE_TEMPLATE);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        ChildJvm.Result run = ChildJvm.run(List.of(java.toString(), "-Xmx48m", "-cp",
                System.getProperty("java.class.path"), "dev.ecrguard.cli.Main", "check", "--format", "json",
                big.toString(), small.toString()));
        String err = run.err();
        String out = run.out();

        assertThat(run.exit()).as(err).isEqualTo(3);
        assertThat(err).contains(big.toString()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        JsonNode report = new ObjectMapper().readTree(out);
        assertThat(report.path("findings").toString()).contains("ECR001").contains("small.yaml");
        assertThat(report.path("errors").toString()).contains("big.json");
    }

    /**
     * A folder that can be listed but not searched (mode 644) hides what is in it from everyone but root: run as
     * {@code nobody} (needs root to switch user, which CI has), its entries are input errors, not an empty folder.
     */
    @Test
    @Tag("child-jvm")
    void aFolderThatCanBeListedButNotSearchedIsAnInputError() throws Exception {
        Path runuser = Path.of("/usr/sbin/runuser");
        Assumptions.assumeTrue(Files.isExecutable(runuser) && "root".equals(System.getProperty("user.name")),
                "switching to user nobody needs root and runuser");
        Path infra = write(dir, "infra/sub/registry.yaml", MUTABLE_TEMPLATE).getParent().getParent();
        Path lib = Files.createDirectories(dir.resolve("lib"));
        StringBuilder classpath = new StringBuilder();
        for (Path entry : ChildJvm.classpath()) {
            Path copy = lib.resolve(classpath.length() + "-" + entry.getFileName());
            ChildJvm.copy(entry, copy);
            classpath.append(classpath.length() == 0 ? "" : ":").append(copy);
        }
        ChildJvm.openToEveryone(dir);
        Files.setPosixFilePermissions(infra.resolve("sub"), PosixFilePermissions.fromString("rw-r--r--"));

        ChildJvm.Result run = ChildJvm.run(List.of(runuser.toString(), "-u", "nobody", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath.toString(),
                "dev.ecrguard.cli.Main", "check", infra.toString()));

        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains(infra.resolve("sub/registry.yaml") + ": permission denied: cannot tell what it is");
    }

    @Test
    void aLinkedFolderIsNotFollowedButSaidSo() throws Exception {
        write(dir, "shared/registry.yaml", MUTABLE_TEMPLATE);
        write(dir, "infra/plan.json", read(resource("terraform/plan-actions.json")));
        Files.createSymbolicLink(dir.resolve("infra/shared"), dir.resolve("shared"));

        CliRun run = CliRun.run("check", dir.resolve("infra").toString());

        assertThat(run.err()).contains(dir.resolve("infra/shared") + ": skipped: a symbolic link to a folder, not "
                + "followed: name the folder it links to on the command line to check it");
    }

    @Test
    void aLinkToAFileOutsideTheScannedFolderIsNotReadAndALinkInsideIs() throws Exception {
        Path outside = write(dir, "secrets/registry.yaml", MUTABLE_TEMPLATE);
        write(dir, "infra/stacks/registry.yaml", MUTABLE_TEMPLATE.replace("Repo:", "Inner:"));
        Files.createSymbolicLink(dir.resolve("infra/leak.yaml"), outside);
        Files.createSymbolicLink(dir.resolve("infra/alias.yaml"), dir.resolve("infra/stacks/registry.yaml"));

        LoadResult result = load(dir.resolve("infra"));

        assertThat(repositoryIds(result)).containsExactly("Inner");
        assertThat(result.skipped).extracting(Skipped::file, Skipped::reason).contains(org.assertj.core.groups.Tuple.tuple(
                dir.resolve("infra/leak.yaml").toString(), "a symbolic link to a file outside the folder being "
                        + "checked, not followed: name that file on the command line to check it"));
    }

    @Test
    void emptyOrNullResourceChangesCannotHidePlannedValues() {
        String planned = read(resource("terraform/plan-planned-values.json"));
        for (String changes : new String[] {"null", "[]"}) {
            Path plan = write(dir, "plan-" + changes + ".json",
                    planned.replaceFirst("\\{", "{\"resource_changes\": " + changes + ", "));

            LoadResult result = loadOk(plan);

            assertThat(repositoryIds(result)).as(changes)
                    .containsExactlyElementsOf(repositoryIds(loadOk(resource("terraform/plan-planned-values.json"))))
                    .isNotEmpty();
        }
    }

    @Test
    void aDeleteChangeCannotHideWhatPlannedValuesSayWillExist() {
        String plan = """
                {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
                  {"address": "aws_ecr_repository.app", "mode": "managed", "type": "aws_ecr_repository", "name": "app",
                   "values": {"name": "app", "image_tag_mutability": "MUTABLE"}}]}},
                 "resource_changes": [
                  {"address": "aws_ecr_repository.app", "mode": "managed", "type": "aws_ecr_repository", "name": "app",
                   "change": {"actions": ["delete"], "before": {"name": "app"}, "after": null}}]}
                """;

        LoadResult result = loadOk(write(dir, "plan.json", plan));

        assertThat(describe(repo(result, "aws_ecr_repository.app").tagMutability())).isEqualTo("known:MUTABLE");
    }

    @Test
    void aPlanResourceWithAModeOrTypeTerraformNeverWritesFailsTheFile() {
        String resource = "{\"address\": \"aws_ecr_repository.app\", %s, \"name\": \"app\", \"values\": "
                + "{\"image_tag_mutability\": \"MUTABLE\"}}";
        String[] bad = {"\"mode\": 5, \"type\": \"aws_ecr_repository\"",
            "\"mode\": \"MANAGED\", \"type\": \"aws_ecr_repository\"",
            "\"mode\": \"managed\", \"type\": 5",
            "\"mode\": \"managed\", \"type\": \"Aws_Ecr_Repository\""};
        for (String fields : bad) {
            Path plan = write(dir, "plan.json", "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": "
                    + "{\"resources\": [" + resource.formatted(fields) + "]}}}");

            assertThat(load(plan).errors).as(fields).hasSize(1);
        }
    }

    @Test
    void everyTopLevelBlockTerraformAcceptsIsAConfiguration() {
        Path config = write(dir, "main.tf.json", """
                {"ephemeral": {"aws_secretsmanager_secret_version": {"token": {"secret_id": "x"}}},
                 "resource": {"aws_ecr_repository": {"app": {"name": "app"}}}}
                """);

        assertThat(describe(repo(loadOk(config), "aws_ecr_repository.app").tagMutability())).isEqualTo("absent");
    }

    @Test
    void dynamicExclusionFilterBlocksAreExpandedOverLiteralsAndUnknownOtherwise() {
        Path config = write(dir, "main.tf.json", """
                {"resource": {"aws_ecr_repository": {
                  "literal": {"name": "literal", "image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION",
                    "dynamic": {"image_tag_mutability_exclusion_filter": {"for_each": ["latest", "dev-*"],
                      "content": {"filter": "${image_tag_mutability_exclusion_filter.value}", "filter_type": "WILDCARD"}}}},
                  "iterated": {"name": "iterated", "image_tag_mutability": "MUTABLE_WITH_EXCLUSION",
                    "dynamic": {"image_tag_mutability_exclusion_filter": {"for_each": {"a": {"f": "*"}}, "iterator": "x",
                      "content": {"filter": "${x.value.f}", "filter_type": "WILDCARD"}}}},
                  "computed": {"name": "computed", "image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION",
                    "dynamic": {"image_tag_mutability_exclusion_filter": {"for_each": "${var.floating_tags}",
                      "content": {"filter": "${image_tag_mutability_exclusion_filter.value}"}}}},
                  "scanned": {"name": "scanned", "image_tag_mutability": "IMMUTABLE",
                    "dynamic": {"image_scanning_configuration": {"for_each": [true],
                      "content": {"scan_on_push": "${image_scanning_configuration.value}"}}}}}}}
                """);

        LoadResult result = loadOk(config);

        assertThat(describe(repo(result, "aws_ecr_repository.literal").exclusionFilters()))
                .isEqualTo("known:[\"latest\",\"dev-*\"]");
        assertThat(describe(repo(result, "aws_ecr_repository.iterated").exclusionFilters())).isEqualTo("known:[\"*\"]");
        assertThat(describe(repo(result, "aws_ecr_repository.computed").exclusionFilters())).isEqualTo("unknown");
        assertThat(describe(repo(result, "aws_ecr_repository.scanned").scanOnPush())).isEqualTo("known:true");
    }

    @Test
    void aDynamicThatIsNotABlockMakesTheFiltersUnknownNotAbsent() {
        Path config = write(dir, "main.tf.json", """
                {"resource": {"aws_ecr_repository": {"app": {"name": "app", "image_tag_mutability":
                  "IMMUTABLE_WITH_EXCLUSION", "dynamic": "${local.filters}"}}}}
                """);

        assertThat(describe(repo(loadOk(config), "aws_ecr_repository.app").exclusionFilters())).isEqualTo("unknown");
    }
}
