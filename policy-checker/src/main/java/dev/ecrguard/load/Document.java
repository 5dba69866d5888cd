package dev.ecrguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One input file, read and well-formed, not yet recognized. {@code tree} holds the document, less the top-level keys
 * that a {@link TopLevelReader} in {@code streamed} read as they streamed by (a Terraform plan's resources).
 *
 * @param file the file's name in messages ({@code -} for standard input)
 * @param path the file, or null for standard input
 * @param syntax how it is written
 * @param tree the document, with the line of each container
 * @param streamed the readers that took top-level keys of it
 */
public record Document(String file, Path path, Syntax syntax, LocatedTree tree, List<TopLevelReader> streamed) {

    /** How a document is written, told by its first character. */
    public enum Syntax { JSON, YAML }

    /**
     * The document's root.
     *
     * @return the root node
     */
    public JsonNode root() {
        return tree.root();
    }

    /**
     * The reader of one type that took part of this document.
     *
     * @param type the reader's class
     * @param <T> the reader's type
     * @return the reader, or empty when none of that type read the document
     */
    public <T extends TopLevelReader> Optional<T> streamed(Class<T> type) {
        return streamed.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * Whether the document is one JSON object or YAML mapping: the only shape any input, manifest, waiver file or
     * baseline has.
     *
     * @return true for one object
     */
    public boolean isObject() {
        return root().isObject() && !tree.severalDocuments();
    }

    /**
     * Why a document that is not one object is no input: what it is instead.
     *
     * @return e.g. {@code a JSON array, not a Terraform plan or state, ...}
     */
    public String notAnObject() {
        if (tree.severalDocuments()) {
            return "more than one YAML document in the file; a template is one document";
        }
        String type = root().getNodeType().name().toLowerCase(Locale.ROOT);
        return syntax == Syntax.JSON
                ? "a JSON " + type + ", not a Terraform plan or state, Terraform JSON configuration or CloudFormation "
                        + "template"
                : "a YAML " + type + ", not a CloudFormation template";
    }

    /**
     * This document, when it is an object.
     *
     * @return this document
     * @throws InputError naming the file when it is not an object
     */
    public Document requireObject() {
        if (!isObject()) {
            throw new InputError(file, notAnObject());
        }
        return this;
    }
}
