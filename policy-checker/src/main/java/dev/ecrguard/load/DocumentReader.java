package dev.ecrguard.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.model.Model;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads one file as JSON or YAML (chosen by its first character, never by its name). JSON is read in one streaming
 * pass: the top-level keys a {@link TopLevelReader} claims (a Terraform plan's resource lists) go straight to it, so
 * a plan of any size needs little memory. A large compact file may be read in two parts at once (see
 * {@link SplitReading}), with the same result. What the document is, the {@link Loader}s decide.
 */
public final class DocumentReader {
    private static final int SNIFF = 4096;
    /** The buffer a file is read through. */
    static final int READ_BUFFER = 1 << 16;

    private DocumentReader() {}

    /**
     * Reads standard input or a file.
     *
     * @param raw the bytes
     * @param file the name to show in messages
     * @param path the file, or null for standard input
     * @param readers the readers that may take top-level keys of a JSON document
     * @return the document
     * @throws InputError when it is empty, binary, malformed or cannot be read
     */
    public static Document read(InputStream raw, String file, Path path, List<TopLevelReader> readers) {
        return read(raw, file, path, () -> readers, Long.MAX_VALUE, outcome -> { });
    }

    /**
     * Reads a file or standard input.
     *
     * @param raw the bytes
     * @param file the name to show in messages
     * @param path the file, or null for standard input
     * @param readers fresh readers for the top-level keys each time it is called: once, or twice when a large file
     *     is read in two parts
     * @param splitFromBytes the smallest file that may be read in two parts
     * @param told is told how a JSON document was read
     */
    private static Document read(InputStream raw, String file, Path path, Supplier<List<TopLevelReader>> readers,
            long splitFromBytes, Consumer<SplitReading.Outcome> told) {
        try (InputStream in = new BufferedInputStream(raw, READ_BUFFER)) {
            in.mark(SNIFF);
            byte[] head = in.readNBytes(SNIFF);
            in.reset();
            return switch (sniff(head)) {
                case EMPTY -> throw new InputError(file, "empty file");
                case BINARY -> throw new InputError(file, "binary content, not JSON or YAML");
                case JSON -> SplitReading.read(in, head, file, path, readers, splitFromBytes, told);
                case YAML -> readYaml(in, file, path);
            };
        } catch (IOException e) {
            throw new InputError(file, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Reads a file whole, every key into the tree (a manifest, a template an output folder names, a waiver file).
     *
     * @param path the file
     * @param file the name to show in messages
     * @return the document
     * @throws InputError when it is not a regular file, or is empty, binary, malformed or cannot be read
     */
    public static Document read(Path path, String file) {
        return read(path, file, List::of);
    }

    /**
     * Reads a file, giving {@code readers} the top-level keys they claim.
     *
     * @param path the file
     * @param file the name to show in messages
     * @param readers fresh readers that may take top-level keys of a JSON document, each time it is called: once, or
     *     twice when a large file is read in two parts
     * @return the document
     * @throws InputError when it is not a regular file, or is empty, binary, malformed or cannot be read
     */
    public static Document read(Path path, String file, Supplier<List<TopLevelReader>> readers) {
        return read(path, file, readers, SplitReading.FROM_BYTES, outcome -> { });
    }

    /** As {@link #read(Path, String, Supplier)}, telling {@code told} how a JSON document was read. */
    static Document read(Path path, String file, Supplier<List<TopLevelReader>> readers, long splitFromBytes,
            Consumer<SplitReading.Outcome> told) {
        if (Files.isDirectory(path)) {
            throw new InputError(file, "is a folder, expected a file");
        }
        if (!Files.isRegularFile(path)) {
            // a FIFO or device would block or never end: never open one
            throw new InputError(file, Files.exists(path) ? "not a regular file (a FIFO, socket or device)"
                    : "no such file");
        }
        try {
            return read(Files.newInputStream(path), file, path, readers, splitFromBytes, told);
        } catch (NoSuchFileException e) {
            throw new InputError(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new InputError(file, "permission denied");
        } catch (IOException e) {
            throw new InputError(file, "cannot read: " + e.getMessage());
        }
    }

    private enum Sniffed { EMPTY, BINARY, JSON, YAML }

    private static Sniffed sniff(byte[] head) {
        int start = 0;
        boolean utf16 = false;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            start = 3;
        } else if (head.length >= 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE
                || (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)) {
            start = 2;
            utf16 = true;
        }
        int first = -1;
        for (int i = start; i < head.length; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                if (utf16) {
                    continue;
                }
                return Sniffed.BINARY;
            }
            if (first < 0 && !Character.isWhitespace(b)) {
                first = b;
            }
        }
        if (first < 0) {
            // Only whitespace so far: empty if that was all, else let the YAML parser read on.
            return head.length < SNIFF ? Sniffed.EMPTY : Sniffed.YAML;
        }
        return first == '{' || first == '[' ? Sniffed.JSON : Sniffed.YAML;
    }

    /**
     * Reads a document a program built in memory (a synthesized template): streamed to the loaders' readers and
     * checked for unreadable text as a file is, with no JSON text in between. It has no lines.
     *
     * @param tree the document
     * @param file the name to show in messages
     * @param readers the readers that may take top-level keys
     * @return the document
     * @throws InputError when a key or string holds an unpaired surrogate
     */
    public static Document read(JsonNode tree, String file, List<TopLevelReader> readers) {
        try {
            return readJson(Json.checkingText(tree.traverse(), file), file, null, readers, new TopLevel());
        } catch (IOException e) {
            throw new InputError(file, "cannot read: " + e.getMessage());
        }
    }

    /**
     * The top-level object of a JSON document as read so far: the keys no reader claimed as a tree with the line of
     * each container, and every key in order with the reader that claimed it (null for the tree).
     */
    static final class TopLevel {
        final ObjectNode root = JsonNodeFactory.instance.objectNode();
        final IdentityHashMap<JsonNode, Integer> lines = new IdentityHashMap<>();
        final List<String> keys = new ArrayList<>();
        final List<TopLevelReader> claimedBy = new ArrayList<>();
    }

    /** Reads a JSON document, recording its top-level object in {@code top} as it goes. */
    static Document readJson(JsonParser p, String file, Path path, List<TopLevelReader> readers, TopLevel top)
            throws IOException {
        try (p) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                JsonNode other = Json.readLocated(p, top.lines);
                requireEnd(p, file);
                return new Document(file, path, Document.Syntax.JSON, new LocatedTree(other, top.lines), List.of());
            }
            top.lines.put(top.root, p.currentTokenLocation().getLineNr());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                TopLevelReader reader = claiming(readers, key, top.root);
                top.keys.add(key);
                top.claimedBy.add(reader);
                if (reader != null) {
                    reader.read(key, p);
                } else {
                    top.root.set(key, Json.readLocated(p, top.lines));
                }
            }
            requireEnd(p, file);
            return new Document(file, path, Document.Syntax.JSON, new LocatedTree(top.root, top.lines), readers);
        } catch (JsonProcessingException e) {
            throw Json.error(file, e, p);
        } catch (Model.TooLarge e) {
            throw new InputError(file, e.getMessage());
        }
    }

    static TopLevelReader claiming(List<TopLevelReader> readers, String key, ObjectNode rootSoFar) {
        for (TopLevelReader reader : readers) {
            if (reader.claims(key, rootSoFar)) {
                return reader;
            }
        }
        return null;
    }

    private static void requireEnd(JsonParser p, String file) throws IOException {
        if (p.nextToken() != null) {
            throw new InputError(file, p.currentTokenLocation().getLineNr(), "content after the end of the JSON document");
        }
    }

    private static Document readYaml(InputStream in, String file, Path path) {
        LocatedTree tree = YamlReader.read(in, file);
        if (tree == null) {
            throw new InputError(file, "empty file");
        }
        return new Document(file, path, Document.Syntax.YAML, tree, List.of());
    }
}
