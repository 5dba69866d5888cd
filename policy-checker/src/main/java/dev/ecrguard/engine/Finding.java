package dev.ecrguard.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ecrguard.model.SourcePosition;

/**
 * One verdict of one rule on one resource.
 *
 * @param ruleId the rule, e.g. {@code ECR001}
 * @param severity how much it matters; never {@link Severity#NEVER}
 * @param resource the resource id the model gave it
 * @param resourceType its type in the input, e.g. {@code aws_ecr_repository}
 * @param file the input file it is defined in, or null
 * @param line its 1-based line there, or null
 * @param constructPath its CDK construct path, or null
 * @param message what the rule found
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String ruleId, Severity severity, String resource, String resourceType, String file,
        Integer line, String constructPath, String message) {
    /**
     * Where the finding is, for messages.
     *
     * @return its file and line
     */
    public SourcePosition position() {
        return new SourcePosition(file, line);
    }
}
