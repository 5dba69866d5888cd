package dev.ecrguard.load;

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
