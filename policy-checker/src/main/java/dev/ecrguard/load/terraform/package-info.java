/**
 * The Terraform JSON family: plans and states ({@code terraform show -json}), raw state files and {@code *.tf.json}
 * configuration, streamed into the model.
 */
package dev.ecrguard.load.terraform;
