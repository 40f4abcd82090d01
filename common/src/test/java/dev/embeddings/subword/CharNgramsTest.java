package dev.embeddings.subword;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixed expectations taken once from fastText 0.9.2 ({@code fasttext print-ngrams}), so the extraction and the hash
 * are checked on machines without the binary. The hashes were read off two models with 65537 and 65539 buckets
 * (whose product passes 2^32) and recombined: they are fastText's full 32-bit values.
 */
class CharNgramsTest {

    @Test
    void whereWithTrigramsIsFastTextsDocumentedExample() {
        assertEquals(List.of("<wh", "whe", "her", "ere", "re>"), new CharNgrams(3, 3, 1000).ngrams("where"));
    }

    @Test
    void theWholeWrappedWordIsAnNgramWhenShortEnough() {
        assertEquals(List.of("<ab", "<ab>", "ab>"), new CharNgrams(3, 6, 1000).ngrams("ab"));
    }

    @Test
    void loneBracketsAreNotUnigramsButLettersAre() {
        assertEquals(List.of("<x", "<xy", "<xy>", "x", "xy", "xy>", "y", "y>"),
                new CharNgrams(1, 6, 1000).ngrams("xy"));
    }

    @Test
    void multiByteCharactersAreNeverSplit() {
        CharNgrams ngrams = new CharNgrams(3, 6, 1000);
        assertEquals(List.of("<日本", "<日本語", "<日本語>", "日本語", "日本語>", "本語>"), ngrams.ngrams("日本語"));
        assertEquals(List.of("<😀>"), ngrams.ngrams("😀"));
        assertEquals(List.of("<st", "<str", "<stra", "<straß", "str", "stra", "straß", "straße", "tra", "traß",
                "traße", "traße>", "raß", "raße", "raße>", "aße", "aße>", "ße>"), ngrams.ngrams("straße"));
        assertEquals(List.of("<é", "<é>", "é", "é>"), new CharNgrams(1, 20, 1000).ngrams("é"));
    }

    @Test
    void noNgramsWhenMaxnIsZero() {
        CharNgrams none = new CharNgrams(3, 0, 0);
        assertEquals(List.of(), none.ngrams("where"));
        assertEquals(0, none.count("where"));
        assertEquals(0, none.rows("where", 10, new int[0], 0));
    }

    @Test
    void hashIsFastTextsFnv1a() {
        assertEquals(0x056c1458, CharNgrams.hash("where"));
        assertEquals(0x8a3f1f54, CharNgrams.hash("<where>"));
        assertEquals(0x3cfa68c1, CharNgrams.hash("é"));
        assertEquals(0xee55f418, CharNgrams.hash("straße"));
        assertEquals(0x125c3fe7, CharNgrams.hash("日本語"));
        assertEquals(0x2400ca08, CharNgrams.hash("😀"));
    }

    @Test
    void nonAsciiBytesAreSignExtendedUnlikeTextbookFnv1a() {
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        assertEquals(CharNgrams.hash("é"), CharNgrams.hash(e, 0, e.length));
        int textbook = 0x811c9dc5;
        for (byte b : e) {
            textbook = (textbook ^ (b & 0xFF)) * 16777619;
        }
        assertEquals(0x1e9de8c1, textbook);
        assertNotEquals(textbook, CharNgrams.hash("é"));
    }

    @Test
    void hashOfAStringIsTheHashOfItsUtf8Bytes() {
        for (String s : List.of("", "a", "<wh", "naïve", "東京", "😀x", "a\uD800b")) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(CharNgrams.hash(bytes, 0, bytes.length), CharNgrams.hash(s), s);
        }
    }

    @Test
    void bucketIsTheUnsignedHashModuloTheBucketCount() {
        CharNgrams ngrams = new CharNgrams(3, 6, 2_000_000);
        assertEquals(Integer.toUnsignedLong(0x8a3f1f54) % 2_000_000, ngrams.bucketOf("<where>"));
        assertTrue(CharNgrams.hash("<where>") < 0, "the example needs a hash with the top bit set");
    }

    @Test
    void rowsAreTheBucketsOfTheNgramsAfterTheWords() {
        for (CharNgrams ngrams : List.of(new CharNgrams(3, 6, 1000), new CharNgrams(1, 3, 7),
                new CharNgrams(2, 20, 2_000_000))) {
            for (String word : List.of("where", "é", "日本語", "😀", "straße", "", "a\uD800b", "x😀y")) {
                List<String> strings = ngrams.ngrams(word);
                int[] expected = strings.stream().mapToInt(s -> 19 + ngrams.bucketOf(s)).toArray();
                int[] rows = new int[ngrams.count(word) + 2];
                assertEquals(strings.size(), ngrams.count(word), word);
                assertEquals(strings.size(), ngrams.rows(word, 19, rows, 2), word);
                assertArrayEquals(expected, Arrays.copyOfRange(rows, 2, rows.length), word);
            }
        }
    }

    @Test
    void aBufferTooSmallIsRejectedBeforeWriting() {
        CharNgrams ngrams = new CharNgrams(3, 3, 1000);
        int[] rows = new int[5];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ngrams.rows("where", 0, rows, 1));
        assertTrue(e.getMessage().contains("5 n-grams") && e.getMessage().contains("holds 4"), e.getMessage());
        assertArrayEquals(new int[5], rows);
    }

    @Test
    void outOfRangeSettingsAreRejectedWithTheirValue() {
        assertRejected(0, 3, 1000, "minn must be between 1 and maxn (3), got 0");
        assertRejected(4, 3, 1000, "minn must be between 1 and maxn (3), got 4");
        assertRejected(-1, 0, 0, "minn must be >= 0, got -1");
        assertRejected(3, 21, 1000, "maxn must be 0 (no character n-grams) or between 1 and 20, got 21");
        assertRejected(3, -1, 1000, "got -1");
        assertRejected(3, 6, 0, "bucket must be >= 1 when maxn > 0");
        assertRejected(3, 6, -5, "bucket must be >= 0, got -5");
        assertRejected(3, 0, -1, "bucket must be >= 0, got -1");
    }

    private static void assertRejected(int minn, int maxn, int bucket, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CharNgrams(minn, maxn, bucket));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
