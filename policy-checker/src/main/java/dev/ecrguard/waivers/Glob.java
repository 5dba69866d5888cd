package dev.ecrguard.waivers;

/**
 * Resource-id globs: {@code *} matches any run of characters, {@code ?} one; everything else is literal.
 *
 * <p>Matched by hand, not through a regex: a waiver file comes from the pull request, and a regex built from a glob
 * such as {@code *a*a*a*a*a*a*a*a*b} backtracks exponentially against a long id. This matcher keeps only the last
 * {@code *} to retry from (a later star always subsumes an earlier one), so it takes at most glob length times text
 * length steps.
 */
final class Glob {
    private Glob() {}

    static boolean matches(String glob, String text) {
        int[] pattern = glob.codePoints().toArray();
        int[] input = text.codePoints().toArray();
        int p = 0;
        int t = 0;
        int star = -1;
        int retry = 0;
        while (t < input.length) {
            if (p < pattern.length && pattern[p] == '*') {
                star = p++;
                retry = t;
            } else if (p < pattern.length && (pattern[p] == '?' || pattern[p] == input[t])) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++retry;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }
}
