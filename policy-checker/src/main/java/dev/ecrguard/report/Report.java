package dev.ecrguard.report;

import dev.ecrguard.waivers.Result;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.engine.RuleCatalog;
import dev.ecrguard.engine.Severity;
import java.util.EnumMap;
import java.util.Map;

/** A check's result with the exit code it earns under a {@code --fail-on} threshold. */
public record Report(Result result, Severity failOn, RuleCatalog rules) {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    public static final int INPUT_ERROR = 3;

    public int exitCode() {
        if (!result.inputs().errors.isEmpty()) {
            return INPUT_ERROR;
        }
        boolean failing = result.findings().stream().anyMatch(f -> f.severity().atLeast(failOn));
        return failing ? FINDINGS : OK;
    }

    public Map<Severity, Integer> countsBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.NOTE}) {
            counts.put(s, 0);
        }
        for (Finding f : result.findings()) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        return counts;
    }
}
