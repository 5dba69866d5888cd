package dev.ecrguard.model;

/**
 * A repository or creation template whose CloudFormation {@code Condition} is false with the parameter values in use
 * but true (or unknown) when a deploy gives a parameter another value; {@code resource} is read with that value.
 *
 * @param deployedWhen the parameter value that deploys it, e.g. {@code Stage=prod}
 */
public record ConditionalResource(String deployedWhen, Object resource) {}
