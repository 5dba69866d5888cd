package dev.ecrguard.load;

/**
 * Makes a parser's error message safe to print about a file that may hold a secret: the parsers quote the input
 * ("Unrecognized token 'hunter2'"), so everything from the first quote on is cut; a quoted single character stays,
 * escaped, and so does a duplicated key (a key that parsed, shortened and escaped: it says which one). An input error
 * then says what is wrong and where (the line), never the text the parser stopped on.
 */
final class ParseMessages {
    static final String UNPAIRED_SURROGATE = "a string holds an unpaired UTF-16 surrogate (e.g. \"\\ud800\"), "
            + "which is not text";
    /** The most characters of a key a message shows. */
    static final int KEY = 64;

    private ParseMessages() {}

    /** The first line of a parser's message, with what it quotes of the input shortened and escaped. */
    static String withoutContent(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = (newline >= 0 ? message.substring(0, newline) : message).trim();
        int quote = firstQuote(line);
        if (quote < 0) {
            return line;
        }
        char mark = line.charAt(quote);
        int end = line.indexOf(mark == '`' ? '\'' : mark, quote + 1);
        String quoted = end < 0 ? line.substring(quote + 1) : line.substring(quote + 1, end);
        String before = line.substring(0, quote).trim();
        return (before.endsWith("(") ? before.substring(0, before.length() - 1).trim() : before)
                + " " + (before.equals("Duplicate field") ? key(quoted) : excerpt(quoted));
    }

    /** A key of the input, quoted: at most {@link #KEY} characters, everything but printable ASCII escaped. */
    static String key(String key) {
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(key.length(), KEY);
        for (int i = 0; i < shown; i++) {
            out.append(escaped(key.charAt(i)));
        }
        return out.append(key.length() > shown ? "...'" : "'").toString();
    }

    /** One character, quoted, written as an escape unless printable ASCII; longer text is not shown. */
    static String excerpt(String text) {
        return text.length() == 1 ? "'" + escaped(text.charAt(0)) + "'" : "(the text is not shown)";
    }

    private static String escaped(char c) {
        return c >= 0x20 && c < 0x7f && c != '\'' && c != '\\' ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    static boolean hasUnpairedSurrogate(String text) {
        // Copied only from its first character that could be a surrogate: most keys and values have none.
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= Character.MIN_SURROGATE) {
                return hasUnpairedSurrogate(text.toCharArray(), i, text.length());
            }
        }
        return false;
    }

    /**
     * Whether {@code text[start..end)} holds an unpaired surrogate. It takes the parser's own character buffer, read in
     * place: through a CharSequence each character cost a bounds-checked call, a tenth of reading a large plan.
     */
    static boolean hasUnpairedSurrogate(char[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c < Character.MIN_SURROGATE) {
                continue;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static int firstQuote(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                return i;
            }
        }
        return -1;
    }
}
