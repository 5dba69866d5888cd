package dev.ecrguard.waivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Waiver globs match in bounded time, whatever the pull request writes into the waiver file. */
class GlobTest {
    @Test
    void aPathologicalGlobAgainstALongIdFinishesQuickly() {
        String glob = "*a*a*a*a*a*a*a*a*b";
        String id = "a".repeat(200);
        // A backtracking regex takes minutes here; 2 s is generous for the linear matcher and still far too short
        // for the old one.
        boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            boolean last = true;
            for (int i = 0; i < 100; i++) {
                last = Glob.matches(glob, id);
            }
            return last;
        });
        assertThat(matched).isFalse();
        assertThat(Glob.matches(glob, id + "b")).isTrue();
    }

    @Test
    void starsQuestionMarksAndLiterals() {
        assertThat(Glob.matches("*", "")).isTrue();
        assertThat(Glob.matches("", "")).isTrue();
        assertThat(Glob.matches("", "x")).isFalse();
        assertThat(Glob.matches("?", "")).isFalse();
        assertThat(Glob.matches("a*", "a")).isTrue();
        assertThat(Glob.matches("*.app", "module.x.app")).isTrue();
        assertThat(Glob.matches("*.app", "module.x.apps")).isFalse();
        assertThat(Glob.matches("a*b*c", "aXbYbZc")).isTrue();
        assertThat(Glob.matches("a*b*c", "aXbYcZ")).isFalse();
        assertThat(Glob.matches("x.*", "x.\nmore")).isTrue();
        assertThat(Glob.matches("repo?", "repo\uD83D\uDE00")).as("? is one character, even outside the BMP").isTrue();
        assertThat(Glob.matches("a\\*", "a\\bc")).as("a backslash escapes nothing: the star stays a wildcard").isTrue();
        assertThat(Glob.matches("a\\*", "a*")).isFalse();
        assertThat(Glob.matches("a\\*", "a\\")).isTrue();
    }

    /** The same answers as the regex the matcher replaced, on many small random globs and ids. */
    @Test
    void agreesWithTheRegexTranslationOnRandomInputs() {
        Random random = new Random(9);
        String globAlphabet = "ab*?.";
        String idAlphabet = "ab.";
        for (int n = 0; n < 20_000; n++) {
            String glob = randomString(random, globAlphabet, 6);
            String id = randomString(random, idAlphabet, 8);
            assertThat(Glob.matches(glob, id)).as("%s against %s", glob, id).isEqualTo(regex(glob).matcher(id).matches());
        }
    }

    private static String randomString(Random random, String alphabet, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
