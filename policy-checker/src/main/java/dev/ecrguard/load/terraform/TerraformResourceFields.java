package dev.ecrguard.load.terraform;

import dev.ecrguard.load.InputError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Locale;

/**
 * The identifying fields of a Terraform resource in a plan or state ({@code mode}, {@code type}, an instance key),
 * read strictly: a value Terraform never writes fails the file instead of quietly dropping the resource.
 */
final class TerraformResourceFields {
    private TerraformResourceFields() {}

    /** {@code managed} or {@code data}; anything else is an input error. */
    static String mode(String file, Integer line, JsonNode mode) {
        if (mode.isTextual() && (mode.asText().equals("managed") || mode.asText().equals("data"))) {
            return mode.asText();
        }
        throw new InputError(file, line, "a resource's mode should be \"managed\" or \"data\", not " + brief(mode));
    }

    /**
     * The resource type; a non-string, or a judged type written in another case or with spaces (which Terraform
     * never writes, and which would otherwise hide the resource), is an input error.
     */
    static String type(String file, Integer line, JsonNode type) {
        if (!type.isTextual()) {
            throw new InputError(file, line, "a resource's type should be a string, not " + brief(type));
        }
        String text = type.asText();
        String normalized = text.strip().toLowerCase(Locale.ROOT);
        if (!text.equals(normalized) && TerraformResources.JUDGED_TYPES.contains(normalized)) {
            throw new InputError(file, line, "resource type " + brief(type) + " is not how Terraform writes "
                    + normalized);
        }
        return text;
    }

    /** A string instance key as Terraform writes it in an address: {@code ["worker"]}. */
    static String quoted(String key) {
        return JsonNodeFactory.instance.textNode(key).toString();
    }

    private static String brief(JsonNode node) {
        String text = node.isMissingNode() ? "missing" : node.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
