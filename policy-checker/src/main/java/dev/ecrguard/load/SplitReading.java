package dev.ecrguard.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.load.DocumentReader.TopLevel;
import dev.ecrguard.load.TopLevelReader.SplittableList;
import dev.ecrguard.model.Model;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads a large compact JSON document in two parts at once, one per core: the usual reader from the start, and a
 * second reader from an element of a long top-level list near the middle of the file (a plan's
 * {@code resource_changes}), found by its bytes without parsing what comes before it.
 *
 * <p>Where that element starts is a guess, so the second part is used only when the first reader, parsing every byte
 * before it, arrives at exactly that byte as the start of an element of that list, on line 1 (the second reader
 * counts lines from there), and the two parts agree: the second was read to the end of the file without an error, no
 * top-level key is in both, and every top-level key after the split is claimed as it would have been. The first
 * reader then stops there and the readers of the second part {@linkplain TopLevelReader#append append} what they
 * read: the document is the one a single pass gives. In every other case the first reader reads on alone, as if
 * there were no second part, so a wrong guess, a second part that fails or a hostile file costs time, never a
 * different result; every error reported is the first reader's own.
 *
 * <p>Only files that start with <code>{</code> and hold no line break in their first bytes are tried: compact JSON,
 * as {@code terraform show -json} writes a plan. A pretty-printed file is read in one pass.
 */
final class SplitReading {
    /** Smaller files are read in one pass: the second thread would not pay for itself. */
    static final long FROM_BYTES = 16L << 20;

    /** How a document was read; tests check that a split happened. */
    enum Outcome {
        /** The file is small, pretty-printed, or no reader of it can be split, or there is one core. */
        ONE_PASS,
        /** No element of the list was found in the file's bytes between a quarter and three quarters of it. */
        NO_ELEMENT_FOUND,
        /** The first reader ended (read whole, or at an error) without meeting an element at the guessed byte. */
        NOT_REACHED,
        /** The element is not on line 1, so the second part's lines would be wrong. */
        NOT_ON_FIRST_LINE,
        /** The second part holds an error (which the first reader then reports), or could not be read. */
        SECOND_PART_FAILED,
        /** A top-level key is in both parts, or a key of the second part is claimed differently. */
        PARTS_DISAGREE,
        /** Read in two parts. */
        SPLIT
    }

    /**
     * Where the search for an element starts, in percent of the file: a little before the middle, since the end of a
     * plan ({@code prior_state}, {@code configuration}) is only tokenized, never built into the model, so it reads
     * faster than the start (the 231 MB plan of bench/: the parts take 0.83 and 0.67 s when split in the middle).
     */
    private static final int SEARCH_FROM_PERCENT = 45;
    /**
     * The split is never nearer an end of the file than this, in percent: when the second part fails at its very
     * end, the first reader has waited for it and then reads the same bytes again, so the time of a wasted split is
     * bounded by that of reading 75% of the file twice.
     */
    private static final int SPLIT_WITHIN_PERCENT = 25;
    /** How much of the file the search for an element reads at a time. */
    private static final int SEARCH_CHUNK = 1 << 20;

    private final Path path;
    private final String file;
    private final List<TopLevelReader> readers;
    private final List<TopLevelReader> twins;
    private final int listReader;
    private final SplittableList list;
    private final TopLevel top = new TopLevel();
    private final CompletableFuture<TopLevel> secondPart = new CompletableFuture<>();
    /** Where the second part starts, once found; -1 before. */
    private volatile long splitAt = -1;
    private volatile boolean cancelled;
    /** Set by the first reader's thread only. */
    private Outcome outcome;

    private SplitReading(Path path, String file, List<TopLevelReader> readers, List<TopLevelReader> twins,
            int listReader) {
        this.path = path;
        this.file = file;
        this.readers = readers;
        this.twins = twins;
        this.listReader = listReader;
        this.list = readers.get(listReader).splittableList();
    }

    /**
     * Reads a JSON document, in two parts when it is worth trying.
     *
     * @param in the document, at its start
     * @param head its first bytes
     * @param file its name in messages
     * @param path the file, or null for standard input
     * @param readers fresh readers for the top-level keys each time it is called
     * @param fromBytes the smallest file to try
     * @param told is told how it was read
     * @return the document
     * @throws IOException when it cannot be read
     */
    static Document read(InputStream in, byte[] head, String file, Path path,
            Supplier<List<TopLevelReader>> readers, long fromBytes, Consumer<Outcome> told) throws IOException {
        List<TopLevelReader> first = readers.get();
        int listReader = indexOfSplittable(first);
        if (path == null || listReader < 0 || !isCompact(head) || Runtime.getRuntime().availableProcessors() < 2
                || Files.size(path) < fromBytes) {
            told.accept(Outcome.ONE_PASS);
            return DocumentReader.readJson(Json.parser(in, file), file, path, first, new TopLevel());
        }
        SplitReading reading = new SplitReading(path, file, first, readers.get(), listReader);
        try {
            return reading.read(in);
        } finally {
            told.accept(reading.outcome);
        }
    }

    private static int indexOfSplittable(List<TopLevelReader> readers) {
        for (int i = 0; i < readers.size(); i++) {
            if (readers.get(i).splittableList() != null) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the file starts as compact JSON does: an object, and no line break in its first bytes. */
    private static boolean isCompact(byte[] head) {
        if (head.length == 0 || head[0] != '{') {
            return false;
        }
        for (byte b : head) {
            if (b == '\n' || b == '\r') {
                return false;
            }
        }
        return true;
    }

    private Document read(InputStream in) throws IOException {
        Thread second = new Thread(this::readSecondPart, "ecr-guard-second-part");
        second.setDaemon(true);
        second.start();
        try {
            return DocumentReader.readJson(Json.parser(in, file, this::objectStarts), file, path, readers, top);
        } catch (SecondPartTaken taken) {
            return merged(taken.part);
        } finally {
            if (outcome == null) { // the first reader ended, read whole or at an error, without meeting the split
                outcome = secondPart.isDone() && splitAt < 0 ? Outcome.NO_ELEMENT_FOUND : Outcome.NOT_REACHED;
            }
            if (outcome != Outcome.SPLIT) {
                cancelled = true;
            }
        }
    }

    /** The first reader meets an object inside a top-level value: is it where the second part starts? */
    private void objectStarts(JsonParser p) throws IOException {
        long at = splitAt;
        if (at < 0 || outcome != null || !isElementOfList(p.getParsingContext())) {
            return;
        }
        JsonLocation where = p.currentTokenLocation();
        if (where.getByteOffset() < at) {
            return;
        }
        outcome = where.getByteOffset() > at ? Outcome.NOT_REACHED
                : where.getLineNr() != 1 ? Outcome.NOT_ON_FIRST_LINE
                : awaitSecondPart() == null ? Outcome.SECOND_PART_FAILED
                : !agree(secondPart.join()) ? Outcome.PARTS_DISAGREE
                : Outcome.SPLIT;
        if (outcome == Outcome.SPLIT) {
            throw new SecondPartTaken(secondPart.join());
        }
        cancelled = true; // the first reader reads on alone
    }

    private boolean isElementOfList(JsonStreamContext object) {
        JsonStreamContext array = object.getParent();
        if (array == null || !array.inArray()) {
            return false;
        }
        JsonStreamContext topObject = array.getParent();
        return topObject != null && topObject.inObject() && list.key().equals(topObject.getCurrentName())
                && topObject.getParent() != null && topObject.getParent().inRoot();
    }

    private TopLevel awaitSecondPart() throws IOException {
        try {
            return secondPart.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
            throw new InterruptedIOException("interrupted while reading the second part of " + file);
        } catch (ExecutionException e) {
            return null; // never: the second reader completes with null on failure
        }
    }

    /**
     * Whether the second part continues the first: it starts with the list's key, claimed by the twin of the reader
     * that claimed it here, and each later key is new and claimed as the first reader would have claimed it.
     */
    private boolean agree(TopLevel second) {
        int last = top.keys.size() - 1;
        if (second.keys.isEmpty() || !second.keys.get(0).equals(list.key())
                || second.claimedBy.get(0) != twins.get(listReader)
                || !top.keys.get(last).equals(list.key()) || top.claimedBy.get(last) != readers.get(listReader)) {
            return false;
        }
        Set<String> before = new HashSet<>(top.keys);
        ObjectNode rootSoFar = JsonNodeFactory.instance.objectNode();
        rootSoFar.setAll(top.root);
        for (int i = 1; i < second.keys.size(); i++) {
            String key = second.keys.get(i);
            TopLevelReader claimed = second.claimedBy.get(i);
            if (!before.add(key) || claimed != DocumentReader.claiming(twins, key, rootSoFar)) {
                return false;
            }
            if (claimed == null) {
                rootSoFar.set(key, second.root.get(key));
            }
        }
        return true;
    }

    private Document merged(TopLevel second) {
        top.root.setAll(second.root);
        second.lines.remove(second.root);
        top.lines.putAll(second.lines);
        try {
            for (int i = 0; i < readers.size(); i++) {
                readers.get(i).append(twins.get(i));
            }
        } catch (Model.TooLarge e) {
            throw new InputError(file, e.getMessage());
        }
        return new Document(file, path, Document.Syntax.JSON, new LocatedTree(top.root, top.lines), readers);
    }

    /**
     * The second reader's thread: finds an element near the middle, then reads from it to the end. Any failure,
     * running out of memory included, only means that the first reader reads on alone, so every one is caught.
     */
    private void readSecondPart() {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long at = splitPoint(channel, list, () -> cancelled);
            if (at < 0) {
                secondPart.complete(null);
                return;
            }
            splitAt = at;
            byte[] opening = ("{\"" + new String(JsonStringEncoder.getInstance().quoteAsString(list.key())) + "\":[")
                    .getBytes(StandardCharsets.UTF_8);
            InputStream rest = new Cancellable(Channels.newInputStream(channel.position(at)));
            InputStream in = new BufferedInputStream(
                    new SequenceInputStream(new ByteArrayInputStream(opening), rest), DocumentReader.READ_BUFFER);
            TopLevel second = new TopLevel();
            DocumentReader.readJson(Json.parser(in, file), file, path, twins, second);
            secondPart.complete(second);
        } catch (Throwable e) {
            secondPart.complete(null);
        }
    }

    /**
     * Where a second reader starts: the first element of {@code list} that starts after
     * {@link #SEARCH_FROM_PERCENT} of the file, else the first before it, never within {@link #SPLIT_WITHIN_PERCENT}
     * of either end; -1 when there is none, or once {@code stop} says so. An element after the first follows a
     * comma, and bytes such as <code>,{"address":"</code> cannot occur inside a JSON string (a quote there is
     * escaped), so only a list's element can match.
     */
    static long splitPoint(FileChannel channel, SplittableList list, BooleanSupplier stop) throws IOException {
        long size = channel.size();
        byte[] start = ("," + list.elementStart()).getBytes(StandardCharsets.UTF_8);
        byte[] mark = list.elementMark().getBytes(StandardCharsets.UTF_8);
        long from = size / 100 * SEARCH_FROM_PERCENT;
        long found = findElement(channel, from, size / 100 * (100 - SPLIT_WITHIN_PERCENT), start, mark, stop);
        return found >= 0 ? found
                : findElement(channel, size / 100 * SPLIT_WITHIN_PERCENT, from, start, mark, stop);
    }

    private static long findElement(FileChannel channel, long from, long to, byte[] start, byte[] mark,
            BooleanSupplier stop) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(SEARCH_CHUNK + SplittableList.MARK_WITHIN + start.length);
        byte[] bytes = buffer.array();
        for (long chunk = from; chunk < to && !stop.getAsBoolean(); chunk += SEARCH_CHUNK) {
            buffer.clear();
            while (buffer.hasRemaining() && channel.read(buffer, chunk + buffer.position()) > 0) {
                // read until the buffer is full or the file ends
            }
            int length = buffer.position();
            int last = (int) Math.min(Math.min(SEARCH_CHUNK, to - chunk), length - start.length);
            for (int i = 0; i < last; i++) {
                if (bytes[i] == ',' && startsWith(bytes, i, start)
                        && markFollows(bytes, i + 1, Math.min(length, i + 1 + SplittableList.MARK_WITHIN), start,
                                mark)) {
                    return chunk + i + 1;
                }
            }
        }
        return -1;
    }

    /** Whether {@code mark} comes after the element start at {@code element}, before {@code end} and the next one. */
    private static boolean markFollows(byte[] bytes, int element, int end, byte[] start, byte[] mark) {
        for (int i = element + 1; i + mark.length <= end; i++) {
            if (startsWith(bytes, i, mark)) {
                return true;
            }
            if (startsWith(bytes, i, start)) {
                return false;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The file from the split on, until the first reader no longer needs it. */
    private final class Cancellable extends FilterInputStream {
        Cancellable(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (cancelled) {
                throw new InterruptedIOException("no longer needed");
            }
            return super.read(b, off, len);
        }

        @Override
        public int read() throws IOException {
            if (cancelled) {
                throw new InterruptedIOException("no longer needed");
            }
            return super.read();
        }
    }

    /** Unwinds the first reader from the split point, with the second part it ends with. */
    private static final class SecondPartTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient TopLevel part;

        SecondPartTaken(TopLevel part) {
            super(null, null, false, false);
            this.part = part;
        }
    }
}
