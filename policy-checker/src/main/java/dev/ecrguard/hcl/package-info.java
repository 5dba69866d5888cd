/**
 * HCL's native syntax (Terraform's {@code .tf} and OpenTofu's {@code .tofu} files) read into a syntax tree with the
 * exact position of every node, without evaluating anything: what a value means is the Terraform loader's business.
 */
package dev.ecrguard.hcl;
