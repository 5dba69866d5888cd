package dev.ecrguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.IdentityHashMap;
import java.util.Map;

/** A parsed document plus the line where each object or array starts, for locating resources. */
public final class LocatedTree {
    private final JsonNode root;
    private final Map<JsonNode, Integer> lines;
    private final boolean severalDocuments;

    /**
     * @param root the document
     * @param lines the line where each container starts
     */
    public LocatedTree(JsonNode root, IdentityHashMap<JsonNode, Integer> lines) {
        this(root, lines, false);
    }

    LocatedTree(JsonNode root, IdentityHashMap<JsonNode, Integer> lines, boolean severalDocuments) {
        this.root = root;
        this.lines = lines;
        this.severalDocuments = severalDocuments;
    }

    /** Whether the file held more than one YAML document; {@link #root} is the first. */
    public boolean severalDocuments() {
        return severalDocuments;
    }

    public JsonNode root() {
        return root;
    }

    /** The 1-based line where this container node starts, or null for scalars and unknown nodes. */
    public Integer lineOf(JsonNode node) {
        return lines.get(node);
    }
}
