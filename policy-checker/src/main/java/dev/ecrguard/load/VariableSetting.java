package dev.ecrguard.load;

import java.util.List;
import java.util.Map;

/** A Terraform variable value from the command line: {@code --var NAME=VALUE} or {@code --var-file FILE}. */
public sealed interface VariableSetting {
    /**
     * {@code --var NAME=VALUE}: the value is taken as Terraform takes it, a string unless the variable declares
     * another type, then an expression.
     *
     * @param name the variable
     * @param value its value as typed
     */
    record Assignment(String name, String value) implements VariableSetting {}

    /**
     * {@code --var-file FILE}: a {@code .tfvars} file, or its JSON form ({@code .tfvars.json}).
     *
     * @param path the file as named on the command line
     */
    record File(String path) implements VariableSetting {}

    /**
     * {@code TF_VAR_NAME=VALUE} in the environment: taken like {@code --var}, but below the variable files, as
     * Terraform takes it.
     *
     * @param name the variable
     * @param value its value as set
     */
    record Environment(String name, String value) implements VariableSetting {}

    /**
     * The Terraform variables an environment sets ({@code TF_VAR_NAME}), by name.
     *
     * @param environment the environment
     * @return the settings, sorted by name
     */
    static List<VariableSetting> fromEnvironment(Map<String, String> environment) {
        return environment.entrySet().stream()
                .filter(e -> e.getKey().startsWith("TF_VAR_") && e.getKey().length() > "TF_VAR_".length())
                .sorted(Map.Entry.comparingByKey())
                .<VariableSetting>map(e -> new Environment(e.getKey().substring("TF_VAR_".length()), e.getValue()))
                .toList();
    }

    /**
     * Parses {@code NAME=VALUE}.
     *
     * @param setting the text after {@code --var}
     * @return the assignment
     * @throws IllegalArgumentException when there is no {@code =} or no name before it
     */
    static Assignment assignment(String setting) {
        int equals = setting.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--var takes NAME=VALUE (a variable's name, then = and its value)");
        }
        return new Assignment(setting.substring(0, equals).strip(), setting.substring(equals + 1));
    }
}
