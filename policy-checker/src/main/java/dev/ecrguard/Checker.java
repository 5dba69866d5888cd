package dev.ecrguard;

import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.PolicyEngine;
import dev.ecrguard.engine.RuleCatalog;
import dev.ecrguard.load.Inputs;
import dev.ecrguard.load.LoadResult;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The library entry point: load inputs into the model, judge it with the Rego rules. */
public final class Checker {
    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.file() == null ? "" : f.file())
            .thenComparing(f -> f.line() == null ? 0 : f.line())
            .thenComparing(Finding::resource)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message);

    private final PolicyEngine engine;

    public Checker() {
        this.engine = PolicyEngine.load(RuleCatalog.load());
    }

    public RuleCatalog catalog() {
        return engine.catalog();
    }

    /** The outcome of one check: what was loaded and what the rules found. */
    public record Result(LoadResult inputs, List<Finding> findings) {}

    public Result check(List<String> paths, Map<String, String> parameters, InputStream stdin) {
        LoadResult inputs = Inputs.load(paths, parameters, stdin);
        List<Finding> findings = engine.evaluate(inputs.model).stream().sorted(ORDER).toList();
        return new Result(inputs, findings);
    }
}
