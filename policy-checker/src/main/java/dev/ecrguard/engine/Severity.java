package dev.ecrguard.engine;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Rule severities, lowest first; {@code NEVER} is only a threshold that no finding reaches. */
public enum Severity {
    /** Worth knowing; never fails a run unless asked ({@code --fail-on note}). */
    NOTE,
    /** A weakness to fix. */
    WARNING,
    /** Tags that can be overwritten: fails a run by default. */
    ERROR,
    /** A threshold above every severity: nothing fails the run. */
    NEVER;

    /**
     * The severity named by its label, in any case.
     *
     * @param text {@code note}, {@code warning}, {@code error} or {@code never}
     * @return the severity
     * @throws IllegalArgumentException for any other text
     */
    public static Severity parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /**
     * The lower-case name that reports print.
     *
     * @return {@code note}, {@code warning}, {@code error} or {@code never}
     */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this severity reaches a threshold.
     *
     * @param threshold the lowest severity that counts
     * @return true when this severity is the threshold or above it
     */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }
}
