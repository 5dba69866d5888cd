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
     * Whether this reader takes the key, given the top-level keys read so far: decided by those alone, never by what
     * the reader has read (a document read in two parts asks again, with the keys of both).
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

    /**
     * The top-level list this reader can read in two parts at once, or null (the default). The reader must then
     * take each element of the list on its own, adding it to what it read once the element is whole, so that the
     * elements before any one of them and the elements from it on can be read by two readers and
     * {@linkplain #append appended}.
     *
     * @return the list, or null
     */
    default SplittableList splittableList() {
        return null;
    }

    /**
     * Adds what {@code twin}, a reader the same loader made for the same file, read of the document's second part on
     * another thread (see {@link DocumentReader}): every element and key after the last this reader met, in order.
     * Every reader says how, since the second part may hold any of the keys it claims.
     *
     * @param twin a reader of this one's class
     */
    void append(TopLevelReader twin);

    /**
     * A top-level list of objects that may be read in two parts, and how its elements look when written compactly
     * (as {@code terraform show -json} writes a plan), so that the start of one near the middle of a file can be
     * found without parsing what comes before it.
     *
     * @param key the top-level key that holds the list
     * @param elementStart the bytes each element starts with, such as <code>{"address":"</code>
     * @param elementMark bytes every element holds within {@link #MARK_WITHIN} bytes of its start and an object of
     *     another list with the same start does not, such as <code>"change":{</code>
     */
    record SplittableList(String key, String elementStart, String elementMark) {
        /** How far from an element's start its mark is looked for. */
        public static final int MARK_WITHIN = 4096;
    }
}
