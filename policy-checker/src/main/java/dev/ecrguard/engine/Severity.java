package dev.ecrguard.engine;

import java.util.Locale;

/** Rule severities, lowest first; {@code NEVER} is only a threshold that no finding reaches. */
public enum Severity {
    NOTE, WARNING, ERROR, NEVER;

    public static Severity parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }
}
