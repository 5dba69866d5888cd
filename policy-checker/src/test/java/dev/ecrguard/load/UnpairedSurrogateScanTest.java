package dev.ecrguard.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scan of a parser's character buffer for unpaired surrogates reads only its range, and pairs stay text. */
class UnpairedSurrogateScanTest {
    private static boolean scan(String buffer, int start, int end) {
        return ParseMessages.hasUnpairedSurrogate(buffer.toCharArray(), start, end);
    }

    @Test
    void pairedSurrogatesAndOtherTextPass() {
        assertThat(scan("plain ascii", 0, 11)).isFalse();
        assertThat(scan("caf\u00e9 \ud83d\ude00 \uffff", 0, 9)).isFalse();
        assertThat(scan("", 0, 0)).isFalse();
    }

    @Test
    void aLoneHighOrLowSurrogateIsFound() {
        assertThat(scan("a\ud800b", 0, 3)).isTrue();
        assertThat(scan("a\udc00b", 0, 3)).isTrue();
        assertThat(scan("ab\ud800", 0, 3)).isTrue();
        assertThat(scan("\ude00\ud83d", 0, 2)).isTrue();
    }

    @Test
    void onlyTheRangeIsRead() {
        // a lone surrogate outside the range is another token's, not this one's
        assertThat(scan("\ud800abc\udc00", 1, 4)).isFalse();
        // a pair cut by the end of the range leaves its high half unpaired within the range
        assertThat(scan("ab\ud83d\ude00", 0, 3)).isTrue();
        assertThat(scan("xx\ud83d\ude00yy", 2, 4)).isFalse();
    }

    @Test
    void textOfAStringIsScannedAsAWhole() {
        assertThat(ParseMessages.hasUnpairedSurrogate("ok \ud83d\ude00")).isFalse();
        assertThat(ParseMessages.hasUnpairedSurrogate("bad \udbff")).isTrue();
        // from the first character that could be a surrogate on: text above the surrogates is text
        assertThat(ParseMessages.hasUnpairedSurrogate("\ue000\uffff caf\u00e9")).isFalse();
        assertThat(ParseMessages.hasUnpairedSurrogate("\ud83d\ude00 then \udc00")).isTrue();
        assertThat(ParseMessages.hasUnpairedSurrogate("\udc00\ud83d\ude00")).isTrue();
        assertThat(ParseMessages.hasUnpairedSurrogate("")).isFalse();
    }
}
