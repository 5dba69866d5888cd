package dev.ecrguard.load;

import static dev.ecrguard.load.LoadSupport.creationTemplate;
import static dev.ecrguard.load.LoadSupport.describe;
import static dev.ecrguard.load.LoadSupport.loadOk;
import static dev.ecrguard.load.LoadSupport.repo;
import static dev.ecrguard.load.LoadSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loaders put the hashicorp/aws version constraint that an input requires into the model (awsProviderVersion). */
class AwsProviderVersionTest {
    private static final String REPOSITORY = """
            "resource": {"aws_ecr_repository": {"web": {"name": "web", "image_tag_mutability": "IMMUTABLE"}}}""";

    @TempDir
    Path dir;

    private String configured(String terraformBlock) {
        LoadResult result = loadOk(write(dir, "main.tf.json", "{" + terraformBlock + REPOSITORY + "}"));
        return result.model.repositories.get(0).awsProviderVersion() == null ? "null"
                : describe(result.model.repositories.get(0).awsProviderVersion());
    }

    @Test
    void aJsonConfigurationDeclaresItInRequiredProviders() {
        assertThat(configured("""
                "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "~> 6.8"}}},"""))
                .isEqualTo("known:~> 6.8");
        assertThat(configured("""
                "terraform": [{"required_providers": [{"aws": {"version": ">= 6.0"}}]},
                              {"required_providers": {"aws": {"version": "< 7.0.0"}}}],"""))
                .as("blocks as lists; every declaration counts").isEqualTo("known:>= 6.0, < 7.0.0");
        assertThat(configured("""
                "terraform": {"required_providers": {"aws": "~> 5.0"}},""")).as("Terraform 0.12's string form")
                .isEqualTo("known:~> 5.0");
        assertThat(configured("""
                "terraform": {"required_providers": {"amazon": {"source": "registry.terraform.io/HashiCorp/AWS",
                    "version": "6.9.0"}, "aws": {"source": "someone/aws", "version": "1.0"}}},"""))
                .as("by source, not by local name").isEqualTo("known:6.9.0");
        assertThat(configured("""
                "terraform": {"required_providers": {"aws": {"source": "aws", "version": 6}}},"""))
                .isEqualTo("unknown");
    }

    @Test
    void aTfJsonFileThatDeclaresNothingSaysNothingButACdktfStackDoes() {
        assertThat(configured("")).as("the constraint may be in another file of the module, in HCL").isEqualTo("null");
        assertThat(configured("""
                "terraform": {"required_providers": {"google": {"version": "~> 5.0"}}},""")).isEqualTo("null");
        assertThat(configured("""
                "//": {"metadata": {"backend": "local", "stackName": "registry", "version": "0.19.2"}},
                "terraform": {"required_providers": {"aws": {"source": "aws", "version": null}}},"""))
                .as("a CDKTF stack is the whole configuration").isEqualTo("absent");
    }

    @Test
    void aPlanStatesItForEveryModuleInProviderConfig() {
        Path plan = write(dir, "plan.json", """
                {"format_version": "1.2", "terraform_version": "1.9.0",
                 "planned_values": {"root_module": {"resources": [
                   {"address": "aws_ecr_repository.web", "mode": "managed", "type": "aws_ecr_repository", "name": "web",
                    "values": {"name": "web", "image_tag_mutability": "IMMUTABLE"}},
                   {"address": "aws_ecr_repository_creation_template.root", "mode": "managed",
                    "type": "aws_ecr_repository_creation_template", "name": "root",
                    "values": {"prefix": "ROOT", "image_tag_mutability": "IMMUTABLE"}}]}},
                 "configuration": {"provider_config": {
                   "aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "version_constraint": ">= 6.0"},
                   "aws.west": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "alias": "west"},
                   "module.registry:aws": {"name": "aws", "version_constraint": "~> 6.8"},
                   "google": {"name": "google", "full_name": "registry.terraform.io/hashicorp/google",
                              "version_constraint": "~> 1.0"}},
                   "root_module": {}}}""");
        LoadResult result = loadOk(plan);
        assertThat(describe(repo(result, "aws_ecr_repository.web").awsProviderVersion())).isEqualTo("known:>= 6.0, ~> 6.8");
        assertThat(describe(creationTemplate(result, "aws_ecr_repository_creation_template.root").awsProviderVersion()))
                .isEqualTo("known:>= 6.0, ~> 6.8");
    }

    @Test
    void aPlanWithoutAConstraintHasNoneAndAStateSaysNothing() {
        String resources = """
                {"root_module": {"resources": [{"address": "aws_ecr_repository.web", "mode": "managed",
                  "type": "aws_ecr_repository", "name": "web", "values": {"name": "web"}}]}}""";
        Path plan = write(dir, "plan.json", "{\"format_version\": \"1.2\", \"planned_values\": " + resources
                + ", \"configuration\": {\"provider_config\": {\"aws\": {\"name\": \"aws\"}}}}");
        assertThat(describe(repo(loadOk(plan), "aws_ecr_repository.web").awsProviderVersion())).isEqualTo("absent");

        Path state = write(dir, "state.json", "{\"format_version\": \"1.0\", \"values\": " + resources + "}");
        assertThat(repo(loadOk(state), "aws_ecr_repository.web").awsProviderVersion()).isNull();
    }

    @Test
    void aConfigurationKeyOfAnotherShapeIsNoError() {
        Path template = write(dir, "template.json", """
                {"configuration": "not a plan's", "Resources": {"Repo": {"Type": "AWS::ECR::Repository",
                  "Properties": {"ImageTagMutability": "IMMUTABLE"}}}}""");
        assertThat(repo(loadOk(template), "Repo").awsProviderVersion()).isNull();
        Path plan = write(dir, "plan.json", """
                {"format_version": "1.2", "configuration": {"provider_config": ["aws"], "root_module": null},
                 "planned_values": {"root_module": {"resources": [{"address": "aws_ecr_repository.web",
                  "mode": "managed", "type": "aws_ecr_repository", "name": "web", "values": {"name": "web"}}]}}}""");
        assertThat(describe(repo(loadOk(plan), "aws_ecr_repository.web").awsProviderVersion())).isEqualTo("absent");
    }
}
