package dev.ecrguard;

import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.PolicyEngine;
import dev.ecrguard.engine.RuleCatalog;

import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.SourcePosition;
import dev.ecrguard.model.Waiver;
import dev.ecrguard.waivers.Baseline;
import dev.ecrguard.waivers.WaiverFile;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The library entry point: load inputs into the model, judge it with the Rego rules. */
public final class Checker {
    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.file() == null ? "" : f.file())
            .thenComparing(f -> f.line() == null ? 0 : f.line())
            .thenComparing(Finding::resource)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message);

    private static Checker shared;

    private final PolicyEngine engine;

    /** A checker with the bundled rules, compiled for this instance; prefer {@link #shared()} to check often. */
    public Checker() {
        this.engine = PolicyEngine.load(RuleCatalog.load());
    }

    /**
     * One checker for the whole JVM, for callers that check again and again (the synth-time plugins and aspects of
     * the constructs): loading and compiling the rules is the expensive part, a check is cheap.
     *
     * @return the JVM's checker, made on first use
     */
    public static synchronized Checker shared() {
        if (shared == null) {
            shared = new Checker();
        }
        return shared;
    }

    /**
     * The rules this checker runs.
     *
     * @return the rule catalogue: ids, severities, descriptions
     */
    public RuleCatalog catalog() {
        return engine.catalog();
    }

    /**
     * A finding that is waived: by the input itself (a CDK acknowledgement, a construct opt-out, template Metadata;
     * {@code source} is "input") or by a waiver file ({@code source} is its file and line).
     */
    public record Waived(Finding finding, String reason, String source) {
        /**
         * Whether the input itself waives the finding (rather than a waiver file).
         *
         * @return true for a waiver written in the input
         */
        public boolean inSource() {
            return source.equals(INPUT);
        }
    }

    /**
     * Something the run wants said that is no finding: an expired or unused waiver, a file passed over.
     *
     * @param position the waiver's place in its file, or the file passed over
     * @param message what to say
     */
    public record Notice(SourcePosition position, String message) {}

    /**
     * The outcome of one check: what was loaded, what the rules found (less what is waived or in the baseline),
     * what is waived, what the baseline already held, and notices about the waivers.
     */
    public record Result(LoadResult inputs, List<Finding> findings, List<Waived> waived, List<Finding> baselined,
            List<Notice> notices) {}

    /** Waivers and a baseline to apply, and the date that decides whether a waiver has expired. */
    public record Options(WaiverFile waivers, Baseline baseline, LocalDate today) {
        /**
         * No waivers, no baseline, today's date.
         *
         * @return the options of a plain check
         */
        public static Options none() {
            return new Options(null, null, LocalDate.now());
        }
    }

    static final String INPUT = "input";

    /**
     * Checks inputs without waivers or a baseline.
     *
     * @param paths files and folders, or {@code -} for standard input
     * @param parameters CloudFormation parameter values, overriding their defaults
     * @param stdin what {@code -} reads
     * @return what was loaded, found and waived
     */
    public Result check(List<String> paths, Map<String, String> parameters, InputStream stdin) {
        return check(paths, parameters, stdin, Options.none());
    }

    /**
     * Checks inputs; calls are serialized, as a checker holds one wasm instance.
     *
     * @param paths files and folders, or {@code -} for standard input
     * @param parameters CloudFormation parameter values, overriding their defaults
     * @param stdin what {@code -} reads
     * @param options waivers, baseline and today's date
     * @return what was loaded, found (less what is waived or in the baseline), waived and baselined
     */
    public synchronized Result check(List<String> paths, Map<String, String> parameters, InputStream stdin,
            Options options) {
        LoadResult inputs = Loaders.load(paths, parameters, stdin);
        Map<Model.ResourceRef, List<Waiver>> inline = inputs.model.waiversByResource();
        List<WaiverFile.Entry> active = new ArrayList<>();
        List<Notice> notices = new ArrayList<>();
        inputs.skipped.stream().filter(s -> s.kind().worthNotice)
                .forEach(s -> notices.add(new Notice(new SourcePosition(s.file(), null), "skipped: " + s.reason())));
        if (options.waivers() != null) {
            for (WaiverFile.Entry w : options.waivers().entries()) {
                if (w.expires() != null && w.expires().isBefore(options.today())) {
                    notices.add(new Notice(w.position(), "waiver " + w.describe() + " expired on " + w.expires()
                            + " and no longer waives anything"));
                } else {
                    active.add(w);
                }
            }
        }
        Set<WaiverFile.Entry> used = new HashSet<>();
        // For waivers without a file: the files each waived id is in, to say when one id is waived in several.
        Map<WaiverFile.Entry, Map<String, Set<String>>> filesById = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        List<Waived> waived = new ArrayList<>();
        List<Finding> baselined = new ArrayList<>();
        for (Finding f : engine.evaluate(inputs.model).stream().sorted(ORDER).toList()) {
            Optional<Waiver> own = inline.getOrDefault(new Model.ResourceRef(f.file(), f.resource()), List.of())
                    .stream().filter(w -> w.rule().equals(f.ruleId())).findFirst();
            Optional<WaiverFile.Entry> listed = active.stream().filter(w -> w.matches(f)).findFirst();
            listed.ifPresent(used::add);
            if (own.isPresent()) {
                waived.add(new Waived(f, own.get().reason(), INPUT));
            } else if (listed.isPresent()) {
                WaiverFile.Entry w = listed.get();
                waived.add(new Waived(f, w.reason(), w.position().toString()));
                if (w.input() == null) {
                    filesById.computeIfAbsent(w, k -> new TreeMap<>())
                            .computeIfAbsent(f.resource(), k -> new TreeSet<>()).add(String.valueOf(f.file()));
                }
            } else if (options.baseline() != null && options.baseline().contains(f)) {
                baselined.add(f);
            } else {
                findings.add(f);
            }
        }
        filesById.forEach((w, byId) -> byId.forEach((id, files) -> {
            if (files.size() > 1) {
                notices.add(new Notice(w.position(), "waiver " + w.describe() + " waives " + id + " in "
                        + files.size() + " files (" + String.join(", ", files) + "); add a 'file' glob if it is "
                        + "meant for one"));
            }
        }));
        active.stream().filter(w -> !used.contains(w)).forEach(w -> notices.add(new Notice(w.position(),
                "waiver " + w.describe() + " matched no finding; remove it if the risk is gone")));
        return new Result(inputs, List.copyOf(findings), List.copyOf(waived), List.copyOf(baselined),
                List.copyOf(notices));
    }
}
