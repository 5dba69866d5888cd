package dev.ecrguard.waivers;

import dev.ecrguard.engine.Finding;
import dev.ecrguard.load.LoadResult;
import java.util.List;

/**
 * The outcome of one check: what was loaded, what the rules found (less what is waived or in the baseline), what is
 * waived, what the baseline already held, and notices about the waivers.
 *
 * @param inputs what was loaded, skipped and could not be read
 * @param findings the findings no waiver or baseline covers
 * @param waived the findings a waiver covers
 * @param baselined the findings the baseline holds
 * @param notices expired and unused waivers, files passed over
 */
public record Result(LoadResult inputs, List<Finding> findings, List<Waived> waived, List<Finding> baselined,
        List<Notice> notices) {}
