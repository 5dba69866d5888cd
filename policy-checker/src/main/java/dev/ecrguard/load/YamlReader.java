package dev.ecrguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.YamlUnicodeReader;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a YAML document (a CloudFormation template) into a JSON tree, from the parser's events.
 *
 * <p>Short-form tags become their long form ({@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt a.b} is
 * {@code {"Fn::GetAtt": ["a", "b"]}}). Duplicate keys are an error (CloudFormation rejects them). Plain scalars are
 * read as YAML 1.1 reads them, as CloudFormation does: {@code yes}/{@code no}/{@code on}/{@code off} are booleans.
 * Building from events, not snakeyaml's recursive composer, keeps deep nesting and alias bombs bounded: both are
 * counted and refused past a limit.
 *
 * <p>Time and memory stay bounded on hostile input (docs/security.md): the document, each line and each number have
 * a size limit, and aliases may not expand the document past a size counted in characters, not only in nodes.
 */
final class YamlReader {
    /** Real templates stay far below these; a YAML alias bomb or a hostile nesting does not. */
    static final int MAX_NESTING = Json.MAX_NESTING;
    /**
     * CloudFormation accepts a template of at most 1 MB; four times that leaves room for comments and still keeps
     * the tree of the worst-shaped document within a 256 MB heap.
     */
    static final int MAX_CHARACTERS = 4 * 1024 * 1024;
    /**
     * snakeyaml-engine copies the unread part of its window each time it reads more, so one token (a comment, a
     * scalar) costs time quadratic in its length; a line of a deployable template is far shorter than this.
     */
    static final int MAX_LINE = 256 * 1024;
    /** The longest number read, as Jackson's default for JSON: {@link BigInteger} parsing is quadratic in length. */
    static final int MAX_NUMBER_LENGTH = 1000;
    /**
     * The size of the document once aliases are expanded, in nodes plus the characters of every scalar and key: the
     * rules read the expanded document, so 5,000 aliases of one large scalar are as large as 5,000 copies.
     */
    static final long MAX_EXPANDED_SIZE = 2L * MAX_CHARACTERS;
    /** YAML 1.1's booleans, which YAML 1.2 (snakeyaml-engine's core schema) reads as strings. */
    private static final Pattern YAML_1_1_BOOLEAN = Pattern.compile("(?i)yes|no|on|off|true|false");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

    private final String file;
    private final IdentityHashMap<JsonNode, Integer> lines = new IdentityHashMap<>();
    private final Map<String, JsonNode> anchors = new HashMap<>();
    /** The expanded size (aliases counted in full) of every anchored node, to bound alias expansion. */
    private final IdentityHashMap<JsonNode, Long> sizes = new IdentityHashMap<>();

    private YamlReader(String file) {
        this.file = file;
    }

    /**
     * Returns the document, or null for a stream with no document at all (an empty file). A stream of several
     * documents is read up to the second, and its tree says so ({@link LocatedTree#severalDocuments()}).
     */
    static LocatedTree read(InputStream in, String file) {
        return new YamlReader(file).parse(in);
    }

    private static final class Frame {
        final JsonNode node;
        final String anchor;
        String pendingTag;
        String pendingKey;
        int keyLine;
        long size = 1;

        Frame(JsonNode node, String anchor) {
            this.node = node;
            this.anchor = anchor;
        }
    }

    private LocatedTree parse(InputStream in) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(MAX_CHARACTERS + 1)
                .setBufferSize(64 * 1024)
                .setSchema(new CoreSchema())
                .build();
        Deque<Frame> stack = new ArrayDeque<>();
        JsonNode root = null;
        int documents = 0;
        try {
            for (Event event : new Parse(settings).parseReader(new BoundedLines(new YamlUnicodeReader(in), file))) {
                switch (event.getEventId()) {
                    case DocumentStart -> {
                        if (++documents > 1) {
                            // no input is several documents: the first one, marked, tells why this is none
                            return new LocatedTree(root, lines, true);
                        }
                    }
                    case MappingStart, SequenceStart -> {
                        if (stack.size() >= MAX_NESTING) {
                            throw error(event, "nested more than " + MAX_NESTING + " levels deep");
                        }
                        CollectionStartEvent start = (CollectionStartEvent) event;
                        JsonNode container = event.getEventId() == Event.ID.MappingStart
                                ? NODES.objectNode() : NODES.arrayNode();
                        // a mapping or list under a key starts on the key's line, as in JSON ("AppRepo": {)
                        Frame parent = stack.peek();
                        lines.put(container, parent != null && parent.pendingKey != null ? parent.keyLine : line(event));
                        stack.push(new Frame(container, anchorOf(start)));
                        stack.peek().pendingTag = start.getTag().orElse(null);
                    }
                    case MappingEnd, SequenceEnd -> {
                        Frame done = stack.pop();
                        remember(done.anchor, done.node, done.size);
                        JsonNode value = shortForm(done.pendingTag, done.node, event);
                        root = attach(stack, value, done.size, event, root);
                    }
                    case Scalar -> {
                        ScalarEvent scalar = (ScalarEvent) event;
                        requireWellFormedText(scalar.getValue(), event);
                        if (!stack.isEmpty() && stack.peek().node.isObject() && stack.peek().pendingKey == null) {
                            stack.peek().pendingKey = scalar.getValue();
                            stack.peek().size += scalar.getValue().length();
                            stack.peek().keyLine = line(event);
                            continue;
                        }
                        JsonNode value = shortForm(scalar.getTag().orElse(null), scalarValue(scalar, event), event);
                        long size = 1L + scalar.getValue().length();
                        remember(anchorOf(scalar), value, size);
                        root = attach(stack, value, size, event, root);
                    }
                    case Alias -> {
                        String name = ((AliasEvent) event).getAlias().getValue();
                        JsonNode target = anchors.get(name);
                        if (target == null) {
                            throw error(event, "alias *" + name + " names no anchor");
                        }
                        if (!stack.isEmpty() && stack.peek().node.isObject() && stack.peek().pendingKey == null) {
                            throw error(event, "an alias used as a mapping key is not supported");
                        }
                        root = attach(stack, target, sizes.getOrDefault(target, 1L), event, root);
                    }
                    default -> {
                    }
                }
            }
        } catch (MarkedYamlEngineException e) {
            Integer line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(null);
            throw new InputError(file, line, "not valid YAML: " + ParseMessages.withoutContent(e.getProblem()));
        } catch (YamlEngineException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("The incoming YAML document exceeds the limit")) {
                throw new InputError(file, tooLarge());
            }
            throw new InputError(file, "not valid YAML: " + ParseMessages.withoutContent(e.getMessage()));
        }
        return root == null ? null : new LocatedTree(root, lines, false);
    }

    private JsonNode attach(Deque<Frame> stack, JsonNode value, long size, Event event, JsonNode root) {
        if (stack.isEmpty()) {
            return value;
        }
        Frame parent = stack.peek();
        parent.size += size;
        if (parent.size > MAX_EXPANDED_SIZE) {
            throw error(event, "the document expands to more than " + MAX_EXPANDED_SIZE
                    + " nodes and characters through its aliases (a YAML alias bomb?)");
        }
        if (parent.node instanceof ObjectNode obj) {
            if (parent.pendingKey == null) {
                throw error(event, "a mapping key must be a plain scalar");
            }
            if (obj.has(parent.pendingKey)) {
                throw new InputError(file, parent.keyLine, "duplicate key " + ParseMessages.key(parent.pendingKey)
                        + " (CloudFormation rejects duplicate keys; the later value would silently win)");
            }
            obj.set(parent.pendingKey, value);
            parent.pendingKey = null;
        } else {
            ((ArrayNode) parent.node).add(value);
        }
        return root;
    }

    private void remember(String anchor, JsonNode node, long size) {
        if (anchor != null) {
            anchors.put(anchor, node);
            sizes.put(node, size);
        }
    }

    private static String anchorOf(NodeEvent event) {
        return event.getAnchor().map(Anchor::getValue).orElse(null);
    }

    private JsonNode scalarValue(ScalarEvent scalar, Event event) {
        String text = scalar.getValue();
        String tag = scalar.getTag().orElse(null);
        Tag resolved;
        if (tag != null && tag.startsWith(Tag.PREFIX)) {
            resolved = new Tag(tag);
        } else if (scalar.isPlain() && tag == null) {
            resolved = RESOLVER.resolve(text, true);
        } else {
            resolved = Tag.STR;
        }
        if (resolved.equals(Tag.NULL)) {
            return NODES.nullNode();
        }
        if (resolved.equals(Tag.BOOL) || resolved.equals(Tag.STR) && scalar.isPlain() && tag == null
                && YAML_1_1_BOOLEAN.matcher(text).matches()) {
            return NODES.booleanNode(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes")
                    || text.equalsIgnoreCase("on"));
        }
        if ((resolved.equals(Tag.INT) || resolved.equals(Tag.FLOAT)) && text.length() > MAX_NUMBER_LENGTH) {
            throw error(event, "a number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        if (resolved.equals(Tag.INT)) {
            try {
                return NODES.numberNode(new BigInteger(text.replace("_", "")));
            } catch (NumberFormatException e) {
                return NODES.textNode(text);
            }
        }
        if (resolved.equals(Tag.FLOAT)) {
            try {
                return NODES.numberNode(Double.parseDouble(text));
            } catch (NumberFormatException e) {
                return NODES.textNode(text);
            }
        }
        return NODES.textNode(text);
    }

    /** {@code !Ref x} -> {"Ref": x}; {@code !GetAtt a.b} -> {"Fn::GetAtt": [a, b]}; {@code !Sub x} -> {"Fn::Sub": x}. */
    private JsonNode shortForm(String tag, JsonNode value, Event event) {
        if (tag == null || !tag.startsWith("!") || tag.startsWith("!!") || tag.equals("!")) {
            return value;
        }
        String name = tag.substring(1);
        ObjectNode intrinsic = NODES.objectNode();
        lines.put(intrinsic, line(event));
        switch (name) {
            case "Ref", "Condition" -> intrinsic.set(name, value);
            case "GetAtt" -> {
                if (value.isTextual()) {
                    String text = value.asText();
                    int dot = text.indexOf('.');
                    ArrayNode parts = NODES.arrayNode();
                    parts.add(dot < 0 ? text : text.substring(0, dot));
                    if (dot >= 0) {
                        parts.add(text.substring(dot + 1));
                    }
                    intrinsic.set("Fn::GetAtt", parts);
                } else {
                    intrinsic.set("Fn::GetAtt", value);
                }
            }
            default -> intrinsic.set("Fn::" + name, value);
        }
        return intrinsic;
    }

    private InputError error(Event event, String message) {
        return new InputError(file, line(event), message);
    }

    private static Integer line(Event event) {
        return event.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(null);
    }

    /** An unpaired UTF-16 surrogate (a {@code "\\ud800"} escape) is no text: nothing downstream can encode it. */
    private void requireWellFormedText(String text, Event event) {
        if (ParseMessages.hasUnpairedSurrogate(text)) {
            throw error(event, ParseMessages.UNPAIRED_SURROGATE);
        }
    }

    private static String tooLarge() {
        return "larger than " + MAX_CHARACTERS + " characters (CloudFormation accepts templates of at most 1 MB)";
    }

    /**
     * Refuses, while reading, a document or a line past its limit, before snakeyaml-engine spends quadratic time
     * on it.
     */
    private static final class BoundedLines extends FilterReader {
        private final String file;
        private long characters;
        private int lineLength;
        private int line = 1;

        BoundedLines(Reader in, String file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                count(buffer[i]);
            }
            return n;
        }

        private void count(char c) {
            if (++characters > MAX_CHARACTERS) {
                throw new InputError(file, tooLarge());
            }
            if (c == '\n' || c == '\r') {
                if (c == '\n') {
                    line++;
                }
                lineLength = 0;
            } else if (++lineLength > MAX_LINE) {
                throw new InputError(file, line, "a line longer than " + MAX_LINE
                        + " characters (no line of a deployable template is so long)");
            }
        }
    }

}
