package dev.ecrguard.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads a top-level key of a JSON document as the parser streams by it, instead of building its tree: how a loader
 * keeps only what it judges of a file of any size (a Terraform plan's resource lists). A {@link Loader} supplies
 * fresh ones for each file; the {@link Document} keeps them for the loader that recognizes it.
 */
public interface TopLevelReader {
    /**
     * Whether this reader takes the key, given the top-level keys read so far.
     *
     * @param key the key the parser is at
     * @param rootSoFar the document's top-level keys before it, as read into the tree
     * @return true to read the value with {@link #read}
     */
    boolean claims(String key, ObjectNode rootSoFar);

    /**
     * Reads the key's value; the parser is at its first token and must be left at its last.
     *
     * @param key the key
     * @param parser the parser
     * @throws IOException when the JSON is malformed
     */
    void read(String key, JsonParser parser) throws IOException;
}
