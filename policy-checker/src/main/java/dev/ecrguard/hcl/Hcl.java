package dev.ecrguard.hcl;

/** Reads HCL's native syntax: the text of a {@code .tf}, {@code .tofu} or {@code .tfvars} file into its syntax tree. */
public final class Hcl {
    private Hcl() {}

    /**
     * Parses one file.
     *
     * @param text the file's text
     * @return its body: top-level arguments and blocks, each with its position
     * @throws HclSyntaxError where the text is not HCL's native syntax, or sets an argument twice in one body
     */
    public static Body parse(String text) {
        return new Parser(text).parseFile();
    }
}
