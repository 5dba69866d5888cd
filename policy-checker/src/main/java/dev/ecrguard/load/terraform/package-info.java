/**
 * The Terraform family: plans and states ({@code terraform show -json}), raw state files and {@code *.tf.json}
 * configuration, streamed into the model; and Terraform source ({@code .tf}, {@code .tofu}), read a folder (a module)
 * at a time with its variable files and the modules it calls ({@link dev.ecrguard.load.terraform.TerraformSource}),
 * evaluated by {@code load.terraform.source}.
 */
package dev.ecrguard.load.terraform;
