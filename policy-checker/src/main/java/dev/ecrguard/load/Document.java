package dev.ecrguard.load;

import dev.ecrguard.load.terraform.TerraformPlanStream;
import dev.ecrguard.load.terraform.TerraformStateFile;

/**
 * One input file, read and recognized. {@code tree} holds the document (for a Terraform plan or state, only its
 * small top-level keys: the resources were streamed into {@code plan}, or for a raw state file into {@code state}).
 */
public record Document(String file, Kind kind, LocatedTree tree, TerraformPlanStream plan, TerraformStateFile state) {

    /** What a file was recognized as, by its content. */
    public enum Kind {
        TERRAFORM_PLAN("Terraform plan"),
        TERRAFORM_STATE("Terraform state"),
        TERRAFORM_STATE_FILE("Terraform state file"),
        TERRAFORM_CONFIG("Terraform JSON configuration"),
        CLOUDFORMATION("CloudFormation template"),
        CDK_ASSEMBLY_MANIFEST("CDK cloud assembly manifest"),
        CDKTF_MANIFEST("CDKTF output manifest"),
        UNRECOGNIZED("unrecognized");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }
}
