package dev.embeddings.subword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Word ids are positions; words that a .bin cannot hold or that would make ids ambiguous are rejected. */
class FastTextDictionaryTest {

    @Test
    void aWordsIdIsItsPositionAndItsRow() {
        FastTextDictionary dictionary = new FastTextDictionary(new String[] {"</s>", "the", "日本語"},
                new long[] {9, 7, 1}, 17);
        assertEquals(2, dictionary.id("日本語"));
        assertEquals(-1, dictionary.id("日本"));
        assertEquals("the", dictionary.word(1));
        assertEquals(7, dictionary.count(1));
        assertEquals(17, dictionary.ntokens());
    }

    @Test
    void duplicateEmptyAndZeroByteWordsAreRejected() {
        assertRejected("duplicate word 2: 'a'", "a", "b", "a");
        assertRejected("word 1 is empty or holds U+0000: ''", "a", "");
        assertRejected("word 0 is empty or holds U+0000", "a\0b");
    }

    @Test
    void countsMustMatchTheWordsAndBeNonNegative() {
        assertEquals("2 words but 1 counts", assertThrows(IllegalArgumentException.class,
                () -> new FastTextDictionary(new String[] {"a", "b"}, new long[] {1}, 1)).getMessage());
        assertEquals("word 0 ('a') has count -1", assertThrows(IllegalArgumentException.class,
                () -> new FastTextDictionary(new String[] {"a"}, new long[] {-1}, 1)).getMessage());
        assertEquals("ntokens must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> new FastTextDictionary(new String[] {"a"}, new long[] {1}, -1)).getMessage());
    }

    private static void assertRejected(String message, String... words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FastTextDictionary(words, new long[words.length], 0));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
