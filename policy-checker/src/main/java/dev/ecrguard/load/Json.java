package dev.ecrguard.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The one JSON configuration of the checker: strict reading shared by the loaders (bounded nesting, duplicate keys
 * rejected in everything read, lines kept) and the indented writing of the reports, the baseline and the model. The
 * mapper stays private, so no caller can reconfigure it for everyone; the rules' engine keeps its own ASCII-only
 * writer.
 */
public final class Json {
    /** Deeper documents are hostile or broken; real plans and templates stay far below this. */
    static final int MAX_NESTING = 1000;

    /** Parsers are made only through {@link #parser}, which adds the checks of {@link #checkingText}. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(200_000_000)
                    .build())
            .build();

    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    private static final ObjectWriter PRETTY = MAPPER.writer(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter PRETTY_TO_OPEN_WRITER = PRETTY.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /**
     * A value (a tree, a record, the model) as indented JSON, as {@link #printPretty} prints the reports and the model.
     *
     * @param value what to write
     * @return the JSON text
     */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Prints a value as {@link #pretty} gives it, and a line break, straight to {@code out}: a report of thousands of
     * findings is megabytes, which need not be one string first.
     *
     * @param value what to write
     * @param out where; not closed
     */
    public static void printPretty(Object value, PrintWriter out) {
        try {
            PRETTY_TO_OPEN_WRITER.writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    /** Reads the value at the parser's current token as a tree, without recording lines. */
    public static JsonNode readTree(JsonParser p) throws IOException {
        return MAPPER.readTree(p);
    }

    /** Reads the value at the parser's current token, recording the start line of every container. */
    public static JsonNode readLocated(JsonParser p, IdentityHashMap<JsonNode, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode obj = NODES.objectNode();
                lines.put(obj, p.currentTokenLocation().getLineNr());
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    obj.set(key, readLocated(p, lines));
                }
                return obj;
            }
            case START_ARRAY -> {
                ArrayNode arr = NODES.arrayNode();
                lines.put(arr, p.currentTokenLocation().getLineNr());
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    arr.add(readLocated(p, lines));
                }
                return arr;
            }
            default -> {
                return MAPPER.readTree(p);
            }
        }
    }

    /**
     * Turns a parse failure into an input error naming the file and line (the parser's, when the failure has none:
     * a limit such as the nesting depth is reported without a location). The message quotes none of the input.
     */
    public static InputError error(String file, JsonProcessingException e, JsonParser p) {
        JsonLocation where = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation()
                : p.currentLocation();
        Integer line = where != null && where.getLineNr() > 0 ? where.getLineNr() : null;
        return new InputError(file, line, "not valid JSON: " + ParseMessages.withoutContent(e.getOriginalMessage()));
    }

    /** A parser of {@code in}, named {@code file} in its errors, with the checks of {@link #checkingText}. */
    static JsonParser parser(InputStream in, String file) throws IOException {
        return parser(in, file, null);
    }

    /**
     * A parser as {@link #parser(InputStream, String)} gives, that also tells {@code watch} of every object that
     * starts directly inside a value of the top-level object, such as an element of a plan's
     * {@code resource_changes}.
     */
    static JsonParser parser(InputStream in, String file, TopLevelElementWatch watch) throws IOException {
        return checkingText(FACTORY.createParser(in), file, watch);
    }

    /** Told of each object that starts directly inside a value of a document's top-level object. */
    interface TopLevelElementWatch {
        /**
         * An object starts; the parser is at its first token.
         *
         * @param parser the parser
         * @throws IOException to stop the parse
         */
        void objectStarts(JsonParser parser) throws IOException;
    }

    /**
     * A parser that refuses what no loader may read: a key that repeats a key of the same object (JSON parsers
     * disagree on which one wins, so a repeated {@code type} or mutability could say one thing to Terraform and
     * another to us), as a parse error worded as Jackson words it, and a string or key holding an unpaired UTF-16
     * surrogate ({@code "\\ud800"}), as an input error on {@code file}: no encoder downstream can write it, and the
     * rules' wasm would abort the whole run on it.
     *
     * <p>Both checks see every token a loader reads, whether it walks the tokens or builds a tree of them. A value
     * skipped with {@link JsonParser#skipChildren()} is not read, so not checked: nothing a loader skips can change
     * a verdict, and the keys of the values it skips (most of a large plan) were a fifth of reading it. Jackson's own
     * duplicate detection checks every object, skipped or not, and cannot be turned off for one value only.
     */
    static JsonParser checkingText(JsonParser parser, String file) {
        return checkingText(parser, file, null);
    }

    private static JsonParser checkingText(JsonParser parser, String file, TopLevelElementWatch watch) {
        return new JsonParserDelegate(parser) {
            /** The keys of each object being read, innermost first; arrays hold no keys. */
            private final ArrayDeque<Set<String>> keys = new ArrayDeque<>();

            @Override
            public JsonToken nextToken() throws IOException {
                return checked(super.nextToken());
            }

            /** As {@link JsonParser#nextValue()}, through {@link #nextToken()}, so the key it passes is checked. */
            @Override
            public JsonToken nextValue() throws IOException {
                JsonToken token = nextToken();
                return token == JsonToken.FIELD_NAME ? nextToken() : token;
            }

            @Override
            public JsonParser skipChildren() throws IOException {
                JsonToken skipped = currentToken();
                super.skipChildren();
                if ((skipped == JsonToken.START_OBJECT || skipped == JsonToken.START_ARRAY) && !keys.isEmpty()) {
                    keys.pop();
                }
                return this;
            }

            private JsonToken checked(JsonToken token) throws IOException {
                if (token == null) {
                    return null;
                }
                switch (token) {
                    case START_OBJECT -> {
                        if (watch != null && keys.size() == 2) {
                            watch.objectStarts(this);
                        }
                        keys.push(new HashSet<>());
                    }
                    case START_ARRAY -> keys.push(Set.of());
                    case END_OBJECT, END_ARRAY -> {
                        if (!keys.isEmpty()) {
                            keys.pop();
                        }
                    }
                    case FIELD_NAME -> {
                        // The key as the String the parser keeps: its characters would be copied for each key.
                        String key = currentName();
                        if (ParseMessages.hasUnpairedSurrogate(key)) {
                            throw unpairedSurrogate();
                        }
                        if (!keys.isEmpty() && !keys.peek().add(key)) {
                            throw new JsonParseException(this, "Duplicate field '" + key + "'", currentTokenLocation());
                        }
                    }
                    case VALUE_STRING -> {
                        if (ParseMessages.hasUnpairedSurrogate(getTextCharacters(), getTextOffset(),
                                getTextOffset() + getTextLength())) {
                            throw unpairedSurrogate();
                        }
                    }
                    default -> { }
                }
                return token;
            }

            private InputError unpairedSurrogate() {
                return new InputError(file, currentTokenLocation().getLineNr(), ParseMessages.UNPAIRED_SURROGATE);
            }
        };
    }

    /**
     * Parses a JSON string embedded in a document (ECS container definitions), or returns null when it is not JSON
     * or holds text that is not text (an unpaired surrogate).
     */
    public static JsonNode parseEmbedded(String text) {
        try (JsonParser p = checkingText(FACTORY.createParser(text), "embedded JSON")) {
            return MAPPER.readTree(p);
        } catch (IOException | InputError e) {
            return null;
        }
    }
}
