package dev.ecrguard.hcl;

import java.util.List;

/** {@code type "label" ... { body }}; the span runs from the type to the closing brace. */
public record Block(String type, List<String> labels, Body body, Span span) {
    public Block {
        labels = List.copyOf(labels);
    }
}
