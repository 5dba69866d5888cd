package dev.ecrguard.waivers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.load.DocumentReader;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.LocatedTree;
import dev.ecrguard.model.SourcePosition;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A waiver file ({@code .ecr-guard.yaml} or {@code --waivers FILE}): accepted risks, each for one rule on the
 * resources a glob matches, with a required reason, an optional expiry date, and an optional {@code file} glob that
 * limits it to the inputs it matches (for an id that several root modules or stacks share). Without {@code file} a
 * waiver applies to its resources in every input.
 *
 * <pre>
 * waivers:
 *   - rule: ECR003
 *     resource: "module.legacy.*"
 *     file: "dev/*"
 *     reason: "scanned by the registry-wide scanning rule"
 *     expires: 2027-03-31
 * </pre>
 */
public final class WaiverFile {
    private static final Set<String> FIELDS = Set.of("rule", "resource", "file", "reason", "expires");
    private static final Pattern RULE_ID = Pattern.compile("ECR\\d{3}");

    /**
     * One waiver and where it is written ({@code file} and {@code line}); {@code input} is the glob on the input file
     * it is limited to, or null for any input.
     */
    public record Entry(String rule, String resource, String input, String reason, LocalDate expires, String file,
            Integer line) {
        /**
         * The waiver for messages: rule, resource glob, input glob, file and line.
         *
         * @return e.g. {@code ECR003 on module.legacy.* (.ecr-guard.yaml:3)}
         */
        public String describe() {
            return rule + " on " + resource + (input != null ? " in " + input : "") + " (" + position() + ")";
        }

        /**
         * Where the waiver is written.
         *
         * @return its file and line
         */
        public SourcePosition position() {
            return new SourcePosition(file, line);
        }

        /**
         * Whether this waiver covers a finding: same rule, the resource glob matches its resource id or its CDK/CDKTF
         * construct path ({@code Legacy/Scratch}), and the input glob (when given) matches its file.
         *
         * @param f a finding
         * @return true when the waiver applies to it
         */
        public boolean matches(Finding f) {
            return rule.equals(f.ruleId())
                    && (Glob.matches(resource, f.resource())
                            || f.constructPath() != null && Glob.matches(resource, f.constructPath()))
                    && (input == null || (f.file() != null && Glob.matches(input, FileNames.normalize(f.file()))));
        }
    }

    private final List<Entry> entries;

    private WaiverFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The waivers in the order of the file.
     *
     * @return the waivers
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Reads and validates a waiver file; anything malformed is an input error naming the file and line.
     *
     * @param path the file to read
     * @param file the file's name in messages
     * @param knownRules the rule ids a waiver may name
     * @return the waivers
     * @throws dev.ecrguard.load.InputError when the file is malformed
     */
    public static WaiverFile load(Path path, String file, Set<String> knownRules) {
        LocatedTree tree = DocumentReader.read(path, file).tree();
        JsonNode list = tree.root().path("waivers");
        if (!tree.root().isObject() || !list.isArray()) {
            throw new InputError(file, 1, "a waiver file is a mapping with a 'waivers' list");
        }
        Iterator<String> topKeys = tree.root().fieldNames();
        while (topKeys.hasNext()) {
            String key = topKeys.next();
            if (!key.equals("waivers")) {
                throw new InputError(file, tree.lineOf(tree.root()), "unknown key '" + key + "' (only 'waivers')");
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode item : list) {
            Integer line = tree.lineOf(item);
            if (!item.isObject()) {
                throw new InputError(file, line, "each waiver is a mapping with rule, resource, reason and expires");
            }
            item.fieldNames().forEachRemaining(key -> {
                if (!FIELDS.contains(key)) {
                    throw new InputError(file, line, "unknown waiver key '" + key
                            + "' (rule, resource, file, reason, expires)");
                }
            });
            String rule = required(item, "rule", file, line);
            if (!RULE_ID.matcher(rule).matches() || !knownRules.contains(rule)) {
                throw new InputError(file, line, "unknown rule '" + rule + "' (see ecr-guard rules)");
            }
            String resource = required(item, "resource", file, line);
            String input = item.has("file") ? FileNames.normalize(required(item, "file", file, line)) : null;
            String reason = required(item, "reason", file, line);
            LocalDate expires = null;
            if (item.has("expires")) {
                try {
                    expires = LocalDate.parse(item.get("expires").asText());
                } catch (DateTimeParseException e) {
                    throw new InputError(file, line, "expires must be a date like 2027-03-31, not '"
                            + item.get("expires").asText() + "'");
                }
            }
            entries.add(new Entry(rule, resource, input, reason, expires, file, line));
        }
        return new WaiverFile(entries);
    }

    private static String required(JsonNode item, String key, String file, Integer line) {
        JsonNode value = item.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InputError(file, line, "every waiver needs a non-empty '" + key + "'");
        }
        return value.asText();
    }
}
