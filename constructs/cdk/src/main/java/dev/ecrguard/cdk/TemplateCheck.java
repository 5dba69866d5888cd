package dev.ecrguard.cdk;

import dev.ecrguard.waivers.Result;
import dev.ecrguard.waivers.Waived;
import dev.ecrguard.Checker;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.load.InputError;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.constructs.IConstruct;

/**
 * Runs the ecr-guard checker on synthesized stack templates (and their nested stack templates) and places every
 * finding on the construct that made the resource, applying the acknowledgements of the construct tree.
 */
final class TemplateCheck {
    /** A finding, the construct it is about, and, when waived, why and where. */
    record Located(Finding finding, String constructPath, String displayPath, Path template, String logicalId,
            String reason, String acknowledgedAt) {
        boolean waived() {
            return reason != null;
        }
    }

    /** Unwaived findings and waived findings. */
    record Outcome(List<Located> findings, List<Located> waived) {}

    private static final Comparator<Located> ORDER = Comparator
            .comparing((Located l) -> l.displayPath() == null ? "" : l.displayPath())
            .thenComparing(l -> l.finding().ruleId())
            .thenComparing(l -> l.finding().message());

    private TemplateCheck() {}

    /**
     * @param root the app (or any construct above every stack of {@code templates})
     * @param templates the stack templates, as CDK gives them to a validation plugin
     */
    static Outcome run(IConstruct root, List<String> templates) {
        ConstructIndex index = new ConstructIndex(root);
        Set<Path> roots = templates.stream().map(ConstructIndex::normalize)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<Path> paths = new LinkedHashSet<>(roots);
        paths.addAll(index.nestedTemplates(roots));

        Result result = Checker.shared().check(paths.stream().map(Path::toString).toList(), Map.of(),
                InputStream.nullInputStream());
        if (!result.inputs().errors.isEmpty()) {
            throw new IllegalStateException("ecr-guard could not read the synthesized templates, so it cannot vouch "
                    + "for them: " + result.inputs().errors.stream().map(InputError::oneLine)
                    .collect(Collectors.joining("; ")));
        }
        Set<String> seen = new HashSet<>();
        List<Located> findings = new ArrayList<>();
        List<Located> waived = new ArrayList<>();
        for (Finding f : result.findings()) {
            Located l = locate(index, f, null);
            if (!seen.add(identity(l))) {
                continue;
            }
            var ack = index.acknowledgements().covering(f.ruleId(), l.constructPath());
            if (ack.isPresent()) {
                waived.add(new Located(f, l.constructPath(), l.displayPath(), l.template(), l.logicalId(),
                        ack.get().reason(), ack.get().constructPath()));
            } else {
                findings.add(l);
            }
        }
        for (Waived w : result.waived()) {
            Located l = locate(index, w.finding(), w.reason());
            if (seen.add(identity(l))) {
                waived.add(l);
            }
        }
        findings.sort(ORDER);
        waived.sort(ORDER);
        return new Outcome(List.copyOf(findings), List.copyOf(waived));
    }

    private static Located locate(ConstructIndex index, Finding f, String reason) {
        Path template = f.file() == null ? null : ConstructIndex.normalize(f.file());
        String id = f.resource();
        String logicalId = id.substring(id.lastIndexOf('/') + 1);
        ConstructIndex.Resource r = template == null ? null : index.resource(template, logicalId);
        String path = r != null ? r.path() : f.constructPath();
        String display = r != null ? r.displayPath() : f.constructPath();
        return new Located(f, path, display, template, logicalId, reason, reason == null ? null : path);
    }

    private static String identity(Located l) {
        Finding f = l.finding();
        return l.template() + "#" + l.logicalId() + "#" + f.ruleId() + "#" + f.message();
    }
}
