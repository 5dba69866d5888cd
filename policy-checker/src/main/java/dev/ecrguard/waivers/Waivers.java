package dev.ecrguard.waivers;

import dev.ecrguard.engine.Finding;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.SourcePosition;
import dev.ecrguard.model.Waiver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies what waives findings, in order: the waivers the input carries (inline, CDK acknowledgements), then a
 * waiver file, then a baseline; and says what the waivers leave to notice (expired, unused, waiving one id in several
 * files).
 */
public final class Waivers {
    private Waivers() {}

    /**
     * Splits the rules' findings into reported, waived and baselined ones.
     *
     * @param inputs what was loaded (its model carries the inline waivers)
     * @param findings the rules' findings, in the order to report them
     * @param waiverFile the waiver file, or null
     * @param baseline the baseline, or null
     * @param today the date that decides whether a waiver has expired
     * @return the check's result
     */
    public static Result apply(LoadResult inputs, List<Finding> findings, WaiverFile waiverFile, Baseline baseline,
            LocalDate today) {
        Map<Model.ResourceRef, List<Waiver>> inline = inputs.model.waiversByResource();
        List<WaiverFile.Entry> active = new ArrayList<>();
        List<Notice> notices = new ArrayList<>();
        inputs.skipped.stream().filter(s -> s.kind().worthNotice)
                .forEach(s -> notices.add(new Notice(new SourcePosition(s.file(), null), "skipped: " + s.reason())));
        if (waiverFile != null) {
            for (WaiverFile.Entry w : waiverFile.entries()) {
                if (w.expires() != null && w.expires().isBefore(today)) {
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
        List<Finding> reported = new ArrayList<>();
        List<Waived> waived = new ArrayList<>();
        List<Finding> baselined = new ArrayList<>();
        for (Finding f : findings) {
            Optional<Waiver> own = inline.getOrDefault(new Model.ResourceRef(f.file(), f.resource()), List.of())
                    .stream().filter(w -> w.rule().equals(f.ruleId())).findFirst();
            Optional<WaiverFile.Entry> listed = active.stream().filter(w -> w.matches(f)).findFirst();
            listed.ifPresent(used::add);
            if (own.isPresent()) {
                waived.add(new Waived(f, own.get().reason(), Waived.INPUT));
            } else if (listed.isPresent()) {
                WaiverFile.Entry w = listed.get();
                waived.add(new Waived(f, w.reason(), w.position().toString()));
                if (w.input() == null) {
                    filesById.computeIfAbsent(w, k -> new TreeMap<>())
                            .computeIfAbsent(f.resource(), k -> new TreeSet<>()).add(String.valueOf(f.file()));
                }
            } else if (baseline != null && baseline.contains(f)) {
                baselined.add(f);
            } else {
                reported.add(f);
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
        return new Result(inputs, List.copyOf(reported), List.copyOf(waived), List.copyOf(baselined),
                List.copyOf(notices));
    }
}
