package dev.ecrguard.load;

import java.util.List;
import java.util.Map;

/**
 * What the command line gives the inputs: CloudFormation parameter values ({@code --parameter}) and Terraform
 * variable values ({@code --var}, {@code --var-file}, in their order).
 *
 * @param parameters CloudFormation parameter values by name, overriding their defaults
 * @param variables Terraform variable settings, a later one winning
 */
public record InputValues(Map<String, String> parameters, List<VariableSetting> variables) {
    /**
     * @param parameters CloudFormation parameter values by name
     * @param variables Terraform variable settings, in order
     */
    public InputValues {
        parameters = Map.copyOf(parameters);
        variables = List.copyOf(variables);
    }

    /**
     * No values: every input as it stands.
     *
     * @return empty values
     */
    public static InputValues none() {
        return new InputValues(Map.of(), List.of());
    }

    /**
     * CloudFormation parameter values only.
     *
     * @param parameters the values by name
     * @return the values
     */
    public static InputValues parameters(Map<String, String> parameters) {
        return new InputValues(parameters, List.of());
    }
}
