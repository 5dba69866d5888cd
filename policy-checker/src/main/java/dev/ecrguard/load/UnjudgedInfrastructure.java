package dev.ecrguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognizes, by name or content, infrastructure code that ecr-guard does not read, so that a folder scan says what
 * it passed over and what to check instead, rather than listing it like any other file.
 */
final class UnjudgedInfrastructure {
    private static final String PLAN_HINT = "terraform plan -out=tfplan && terraform show -json tfplan > plan.json";

    private UnjudgedInfrastructure() {}

    /**
     * Why a file that is not an input is infrastructure code ecr-guard cannot judge, and what to do; empty when
     * nothing says it is infrastructure code.
     *
     * @param root the parsed document, or null when the file is not JSON or YAML
     */
    static Optional<String> reason(String fileName, JsonNode root) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".tfvars") || name.endsWith(".tfvars.json")) {
            return Optional.of("Terraform reads this variable file only when it is named: give it with --var-file "
                    + fileName);
        }
        if (name.endsWith(".tfplan") || name.equals("tfplan")) {
            return Optional.of("a binary Terraform plan: check its JSON (terraform show -json " + fileName
                    + " > plan.json)");
        }
        if (name.equals("terragrunt.hcl")) {
            return Optional.of("Terragrunt configuration is not read: check the plan of each module ("
                    + "terragrunt plan -out=tfplan && terragrunt show -json tfplan > plan.json)");
        }
        if (name.equals("pulumi.yaml") || name.equals("pulumi.yml") || name.startsWith("pulumi.")
                && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
            return Optional.of("a Pulumi project: ecr-guard does not read Pulumi programs; their ECR repositories are "
                    + "not checked");
        }
        if (name.endsWith(".bicep") || isArmTemplate(root)) {
            return Optional.of("an Azure Bicep or ARM template: ecr-guard judges Amazon ECR in Terraform, "
                    + "CloudFormation, CDK and CDKTF output");
        }
        if (name.equals("serverless.yml") || name.equals("serverless.yaml")) {
            return Optional.of("a Serverless Framework service: check the CloudFormation it generates (serverless "
                    + "package, then .serverless/cloudformation-template-update-stack.json)");
        }
        if (name.equals("cdk.json")) {
            return Optional.of("an AWS CDK app: check what it synthesizes (cdk synth, then ecr-guard check cdk.out)");
        }
        if (name.equals("cdktf.json")) {
            return Optional.of("a CDKTF app: check what it synthesizes (cdktf synth, then ecr-guard check cdktf.out)");
        }
        return Optional.empty();
    }

    private static boolean isArmTemplate(JsonNode root) {
        return root != null && root.path("$schema").asText("").contains("deploymentTemplate");
    }
}
