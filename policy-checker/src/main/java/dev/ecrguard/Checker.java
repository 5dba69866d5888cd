package dev.ecrguard;

import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.PolicyEngine;
import dev.ecrguard.engine.RuleCatalog;
import dev.ecrguard.load.Inputs;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.Waiver;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** A finding that the input itself waives (a CDK acknowledgement, a construct opt-out, template Metadata). */
    public record Waived(Finding finding, String reason) {}

    /** The outcome of one check: what was loaded, what the rules found, and what of it the input waives. */
    public record Result(LoadResult inputs, List<Finding> findings, List<Waived> waived) {}

    public Result check(List<String> paths, Map<String, String> parameters, InputStream stdin) {
        LoadResult inputs = Inputs.load(paths, parameters, stdin);
        Map<String, List<Waiver>> waivers = inputs.model.waiversById();
        List<Finding> findings = new ArrayList<>();
        List<Waived> waived = new ArrayList<>();
        for (Finding f : engine.evaluate(inputs.model).stream().sorted(ORDER).toList()) {
            Optional<Waiver> waiver = waivers.getOrDefault(f.resource(), List.of()).stream()
                    .filter(w -> w.rule().equals(f.ruleId())).findFirst();
            if (waiver.isPresent()) {
                waived.add(new Waived(f, waiver.get().reason()));
            } else {
                findings.add(f);
            }
        }
        return new Result(inputs, List.copyOf(findings), List.copyOf(waived));
    }
}
