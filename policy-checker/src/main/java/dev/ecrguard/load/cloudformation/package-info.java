/**
 * The CloudFormation family: templates in JSON or YAML (SAM, {@code Fn::ForEach}), their intrinsics, conditions,
 * parameters and nested stacks, resolved into the model.
 */
package dev.ecrguard.load.cloudformation;
