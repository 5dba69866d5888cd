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
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Reads one file as JSON or YAML (chosen by its first character, never by its name). JSON is read in one streaming
 * pass: the top-level keys a {@link TopLevelReader} claims (a Terraform plan's resource lists) go straight to it, so
 * a plan of any size needs little memory. What the document is, the {@link Loader}s decide.
 */
public final class DocumentReader {
    private static final int SNIFF = 4096;

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
        try (InputStream in = new BufferedInputStream(raw, 1 << 16)) {
            in.mark(SNIFF);
            byte[] head = in.readNBytes(SNIFF);
            in.reset();
            return switch (sniff(head)) {
                case EMPTY -> throw new InputError(file, "empty file");
                case BINARY -> throw new InputError(file, "binary content, not JSON or YAML");
                case JSON -> readJson(Json.parser(in, file), file, path, readers);
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
        return read(path, file, List.of());
    }

    /**
     * Reads a file, giving {@code readers} the top-level keys they claim.
     *
     * @param path the file
     * @param file the name to show in messages
     * @param readers the readers that may take top-level keys of a JSON document
     * @return the document
     * @throws InputError when it is not a regular file, or is empty, binary, malformed or cannot be read
     */
    public static Document read(Path path, String file, List<TopLevelReader> readers) {
        if (Files.isDirectory(path)) {
            throw new InputError(file, "is a folder, expected a file");
        }
        if (!Files.isRegularFile(path)) {
            // a FIFO or device would block or never end: never open one
            throw new InputError(file, Files.exists(path) ? "not a regular file (a FIFO, socket or device)"
                    : "no such file");
        }
        try {
            return read(Files.newInputStream(path), file, path, readers);
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
            return readJson(Json.checkingText(tree.traverse(), file), file, null, readers);
        } catch (IOException e) {
            throw new InputError(file, "cannot read: " + e.getMessage());
        }
    }

    private static Document readJson(JsonParser p, String file, Path path, List<TopLevelReader> readers)
            throws IOException {
        IdentityHashMap<JsonNode, Integer> lines = new IdentityHashMap<>();
        try (p) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                JsonNode other = Json.readLocated(p, lines);
                requireEnd(p, file);
                return new Document(file, path, Document.Syntax.JSON, new LocatedTree(other, lines), List.of());
            }
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            lines.put(root, p.currentTokenLocation().getLineNr());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                TopLevelReader reader = claiming(readers, key, root);
                if (reader != null) {
                    reader.read(key, p);
                } else {
                    root.set(key, Json.readLocated(p, lines));
                }
            }
            requireEnd(p, file);
            return new Document(file, path, Document.Syntax.JSON, new LocatedTree(root, lines), readers);
        } catch (JsonProcessingException e) {
            throw Json.error(file, e, p);
        } catch (Model.TooLarge e) {
            throw new InputError(file, e.getMessage());
        }
    }

    private static TopLevelReader claiming(List<TopLevelReader> readers, String key, ObjectNode rootSoFar) {
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
