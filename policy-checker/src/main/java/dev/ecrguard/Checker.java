package dev.ecrguard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.PolicyEngine;
import dev.ecrguard.engine.RuleCatalog;
import dev.ecrguard.load.InputValues;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.waivers.Baseline;
import dev.ecrguard.waivers.Result;
import dev.ecrguard.waivers.WaiverFile;
import dev.ecrguard.waivers.Waivers;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The library entry point: load inputs into the model, judge it with the Rego rules. */
public final class Checker {
    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.file() == null ? "" : f.file())
            .thenComparing(f -> f.line() == null ? 0 : f.line())
            .thenComparing(Finding::resource)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message)
            // The rest only orders findings the fields above cannot tell apart, so that no order is left to the rules.
            .thenComparing(Finding::severity)
            .thenComparing(f -> f.resourceType() == null ? "" : f.resourceType())
            .thenComparing(f -> f.constructPath() == null ? "" : f.constructPath());

    private static Checker shared;

    /** The engine, made on a thread of its own while the caller goes on (parsing arguments, loading inputs). */
    private final CompletableFuture<PolicyEngine> engine;

    /**
     * A checker with the bundled rules, compiled for this instance; prefer {@link #shared()} to check often. The rules
     * are made ready on a background thread, so that a short run loads its inputs meanwhile on the other core.
     */
    public Checker() {
        this.engine = PolicyEngine.prepare();
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
        return engine().catalog();
    }

    /** The engine once ready; what its preparation threw is thrown here, as it is. */
    private PolicyEngine engine() {
        try {
            return engine.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

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
     * Checks one document built in memory, such as a synthesized CloudFormation template or a CDKTF stack's Terraform
     * JSON, without waivers or a baseline: the tree goes to the loaders as it is, with no JSON text in between. It is
     * read as a file of that content would be (its text checked, recognized by content, judged on its own), except
     * that it has no lines and names no other files (nested stack templates are not followed).
     *
     * @param document the document, as a Jackson tree
     * @param name its name in findings and messages
     * @return what was loaded, found and waived
     */
    public Result check(JsonNode document, String name) {
        return check(document, name, Options.none());
    }

    /**
     * Checks one document built in memory; see {@link #check(JsonNode, String)}.
     *
     * @param document the document, as a Jackson tree
     * @param name its name in findings and messages
     * @param options waivers, baseline and today's date
     * @return what was loaded, found (less what is waived or in the baseline), waived and baselined
     */
    public synchronized Result check(JsonNode document, String name, Options options) {
        return judge(Loaders.load(document, name), options);
    }

    /**
     * Checks inputs; calls are serialized, as a checker evaluates one model at a time.
     *
     * @param paths files and folders, or {@code -} for standard input
     * @param parameters CloudFormation parameter values, overriding their defaults
     * @param stdin what {@code -} reads
     * @param options waivers, baseline and today's date
     * @return what was loaded, found (less what is waived or in the baseline), waived and baselined
     */
    public Result check(List<String> paths, Map<String, String> parameters, InputStream stdin, Options options) {
        return check(paths, InputValues.parameters(parameters), stdin, options);
    }

    /**
     * Checks inputs; calls are serialized, as a checker evaluates one model at a time.
     *
     * @param paths files and folders, or {@code -} for standard input
     * @param values CloudFormation parameter and Terraform variable values from the command line
     * @param stdin what {@code -} reads
     * @param options waivers, baseline and today's date
     * @return what was loaded, found (less what is waived or in the baseline), waived and baselined
     */
    public synchronized Result check(List<String> paths, InputValues values, InputStream stdin, Options options) {
        return judge(Loaders.load(paths, values, stdin), options);
    }

    private Result judge(LoadResult inputs, Options options) {
        return Waivers.apply(inputs, engine().evaluate(inputs.model).stream().sorted(ORDER).toList(),
                options.waivers(), options.baseline(), options.today());
    }
}
