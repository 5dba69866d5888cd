/**
 * The CDKTF family: an output folder ({@code cdktf.out}) read through its manifest, its stacks loaded as Terraform
 * JSON configuration.
 */
package dev.ecrguard.load.cdktf;
