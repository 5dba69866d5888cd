package dev.ecrguard.load.terraform.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.POJONode;

/**
 * A value Terraform knows only at plan or apply time (a variable without a value, a resource's attribute, a function
 * ecr-guard does not evaluate), held as a leaf of an evaluated value: {@code why} names the expression and the
 * reason. {@code text}, when not null, is a string's known text with {@code ${...}} where it is unknown (the
 * repository URL placeholders that image references resolve).
 */
public record Unknown(String why, String text) {
    /** This unknown as a leaf of a value tree. */
    public JsonNode node() {
        return JsonNodeFactory.instance.pojoNode(this);
    }

    /** The unknown a value tree's leaf holds, or null for a known leaf or a collection. */
    public static Unknown of(JsonNode node) {
        return node instanceof POJONode pojo && pojo.getPojo() instanceof Unknown unknown ? unknown : null;
    }

    /** The first unknown anywhere in {@code node}, or null when it is wholly known. */
    public static Unknown within(JsonNode node) {
        Unknown self = of(node);
        if (self != null) {
            return self;
        }
        for (JsonNode child : node) {
            Unknown found = within(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
