package dev.ecrguard.hcl;

import java.util.List;
import java.util.Optional;

/** The attributes and blocks of a file or of a block, in source order. */
public record Body(List<Attribute> attributes, List<Block> blocks, Span span) {
    public Body {
        attributes = List.copyOf(attributes);
        blocks = List.copyOf(blocks);
    }

    /** The attribute {@code name}, if the body sets it (a body sets an attribute at most once). */
    public Optional<Attribute> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The blocks of type {@code type}, in source order. */
    public List<Block> blocks(String type) {
        return blocks.stream().filter(b -> b.type().equals(type)).toList();
    }
}
