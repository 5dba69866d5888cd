/**
 * Terraform source ({@code .tf}, {@code .tofu}): the static evaluation of its expressions, with what cannot be known
 * before a plan kept as {@link dev.ecrguard.load.terraform.source.Unknown} values that name it.
 */
package dev.ecrguard.load.terraform.source;
