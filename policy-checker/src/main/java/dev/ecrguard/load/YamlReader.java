package dev.ecrguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
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
 * {@code {"Fn::GetAtt": ["a", "b"]}}). Duplicate keys are an error (CloudFormation rejects them). Building from
 * events, not snakeyaml's recursive composer, keeps deep nesting and alias bombs bounded: both are counted and
 * refused past a limit.
 */
final class YamlReader {
    /** Real templates stay far below both; a YAML alias bomb or a hostile nesting does not. */
    static final int MAX_NESTING = Json.MAX_NESTING;
    static final long MAX_EXPANDED_NODES = 2_000_000;
    static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

    private final String file;
    private final IdentityHashMap<JsonNode, Integer> lines = new IdentityHashMap<>();
    private final Map<String, JsonNode> anchors = new HashMap<>();
    /** The expanded size (nodes, aliases counted in full) of every container, to bound alias expansion. */
    private final IdentityHashMap<JsonNode, Long> sizes = new IdentityHashMap<>();

    private YamlReader(String file) {
        this.file = file;
    }

    /** Returns the document, or null for a stream with no document at all (an empty file). */
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
                .setCodePointLimit(MAX_CODE_POINTS)
                .setSchema(new CoreSchema())
                .build();
        Deque<Frame> stack = new ArrayDeque<>();
        JsonNode root = null;
        int documents = 0;
        try {
            for (Event event : new Parse(settings).parseReader(new YamlUnicodeReader(in))) {
                switch (event.getEventId()) {
                    case DocumentStart -> {
                        if (++documents > 1) {
                            throw InputError.unrecognized(file,
                                    "more than one YAML document in the file; a template is one document");
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
                        sizes.put(done.node, done.size);
                        remember(done.anchor, done.node);
                        JsonNode value = shortForm(done.pendingTag, done.node, event);
                        root = attach(stack, value, done.size, event, root);
                    }
                    case Scalar -> {
                        ScalarEvent scalar = (ScalarEvent) event;
                        if (!stack.isEmpty() && stack.peek().node.isObject() && stack.peek().pendingKey == null) {
                            stack.peek().pendingKey = scalar.getValue();
                            stack.peek().keyLine = line(event);
                            continue;
                        }
                        JsonNode value = shortForm(scalar.getTag().orElse(null), scalarValue(scalar), event);
                        remember(anchorOf(scalar), value);
                        root = attach(stack, value, 1, event, root);
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
            throw new InputError(file, line, "not valid YAML: " + firstLine(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new InputError(file, "not valid YAML: " + firstLine(e.getMessage()));
        }
        return root == null ? null : new LocatedTree(root, lines);
    }

    private JsonNode attach(Deque<Frame> stack, JsonNode value, long size, Event event, JsonNode root) {
        if (stack.isEmpty()) {
            return value;
        }
        Frame parent = stack.peek();
        parent.size += size;
        if (parent.size > MAX_EXPANDED_NODES) {
            throw error(event, "the document expands to more than " + MAX_EXPANDED_NODES
                    + " nodes through its aliases (a YAML alias bomb?)");
        }
        if (parent.node instanceof ObjectNode obj) {
            if (parent.pendingKey == null) {
                throw error(event, "a mapping key must be a plain scalar");
            }
            if (obj.has(parent.pendingKey)) {
                throw new InputError(file, parent.keyLine, "duplicate key '" + parent.pendingKey
                        + "' (CloudFormation rejects duplicate keys; the later value would silently win)");
            }
            obj.set(parent.pendingKey, value);
            parent.pendingKey = null;
        } else {
            ((ArrayNode) parent.node).add(value);
        }
        return root;
    }

    private void remember(String anchor, JsonNode node) {
        if (anchor != null) {
            anchors.put(anchor, node);
        }
    }

    private static String anchorOf(NodeEvent event) {
        return event.getAnchor().map(Anchor::getValue).orElse(null);
    }

    private static JsonNode scalarValue(ScalarEvent scalar) {
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
        if (resolved.equals(Tag.BOOL)) {
            return NODES.booleanNode(text.equalsIgnoreCase("true"));
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

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int cut = text.indexOf('\n');
        return (cut > 0 ? text.substring(0, cut) : text).trim();
    }

}
