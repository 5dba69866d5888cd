package dev.ecrguard.report;

/**
 * The one place that makes text from the input safe to print in a terminal, a CI log (GitHub Actions reads both
 * standard output and standard error for workflow commands) and a pull-request comment. Every human-readable line
 * goes through {@link #line}; the structured formats build on {@link #escape}.
 *
 * <p>Escaped as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}: every C0 and C1 control character and DEL
 * (a newline would start a new line, so a new workflow command; ESC recolours a terminal), the bidirectional
 * overrides, isolates and marks (they reorder what a reviewer sees), the line and paragraph separators, unpaired
 * surrogates and the noncharacters U+FFFE/U+FFFF (no encoding or XML 1.0 can carry them). A backslash already in
 * the text is left alone: it is printable, and file names on Windows are full of them.
 */
public final class SafeText {
    private SafeText() {}

    /** Text as one printable line: control and bidi characters escaped (see the class comment). */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(text, i, c);
            if (replacement == null || replacement.isEmpty()) {
                int end = replacement == null ? i + 1 : i + 2;
                if (out != null) {
                    out.append(text, i, end);
                }
                i = end - 1;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            out.append(replacement);
        }
        return out == null ? text : out.toString();
    }

    /**
     * A whole line as it will be printed: {@link #escape escaped}, and never starting (after blanks) with {@code ::}
     * or {@code ##[}, the prefixes the GitHub Actions runner reads as commands ({@code ::error}, {@code ::add-mask::},
     * {@code ::stop-commands::}). Such a line can only come from input (a file name, an id), so its first character is
     * escaped.
     */
    public static String line(String text) {
        String escaped = escape(text);
        int start = 0;
        while (start < escaped.length() && escaped.charAt(start) == ' ') {
            start++;
        }
        if (escaped.startsWith("::", start) || escaped.startsWith("##[", start)) {
            return escaped.substring(0, start) + unicodeEscape(escaped.charAt(start)) + escaped.substring(start + 1);
        }
        return escaped;
    }

    /** What replaces the char at {@code i}: null to keep it, "" for a valid surrogate pair (kept too). */
    private static String replacement(String text, int i, char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || isBidiControl(c) || c == '\u2028' || c == '\u2029'
                || c == '\uFFFE' || c == '\uFFFF') {
            return unicodeEscape(c);
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? "" : unicodeEscape(c);
        }
        if (Character.isLowSurrogate(c)) {
            return unicodeEscape(c);
        }
        return null;
    }

    /** LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI; LRM, RLM and the Arabic letter mark. */
    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F'
                || c == '\u061C';
    }

    private static String unicodeEscape(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
