package dev.embeddings.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static final Map<String, Long> COUNTS = Map.of("the", 10L, "cat", 3L, "bat", 3L, "sat", 2L, "a", 7L);

    @Test
    void ordersByCountDescendingThenWord() {
        Vocabulary v = Vocabulary.fromCounts(COUNTS, 1, 0);
        assertArrayEquals(new String[] {"the", "a", "bat", "cat", "sat"}, v.words());
        assertEquals(0, v.id("the"));
        assertEquals(2, v.id("bat"));
        assertEquals(-1, v.id("dog"));
        assertEquals(25, v.totalCount());
    }

    @Test
    void appliesMinCountThenMaxSize() {
        assertArrayEquals(new String[] {"the", "a", "bat", "cat"}, Vocabulary.fromCounts(COUNTS, 3, 0).words());
        assertArrayEquals(new String[] {"the", "a", "bat"}, Vocabulary.fromCounts(COUNTS, 3, 3).words());
    }

    @Test
    void roundTripsThroughTsv() throws IOException {
        Vocabulary v = Vocabulary.fromCounts(Map.of("über", 4L, "straße", 9L, "x", 1L), 1, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        v.write(out);
        assertEquals("straße\t9\nüber\t4\nx\t1\n", out.toString(StandardCharsets.UTF_8));
        Vocabulary back = Vocabulary.read(new ByteArrayInputStream(out.toByteArray()), "vocab.tsv");
        assertArrayEquals(v.words(), back.words());
        assertArrayEquals(v.counts(), back.counts());
    }

    @Test
    void readRejectsMalformedFilesNamingFileAndLine() {
        assertReadFails("a\t3\nb 2\n", "v.tsv:2");
        assertReadFails("a\t3\nb\tmany\n", "not a whole number");
        assertReadFails("a\t3\nb\t4\n", "order");
        assertReadFails("a\t3\na\t3\n", "order");
        assertReadFails("a\t0\n", "positive");
    }

    @Test
    void readRejectsInvalidUtf8() {
        byte[] bytes = {'a', '\t', '1', '\n', (byte) 0xFF, '\t', '1', '\n'};
        IOException e = assertThrows(IOException.class,
                () -> Vocabulary.read(new ByteArrayInputStream(bytes), "v.tsv"));
        assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
    }

    private static void assertReadFails(String text, String expected) {
        IOException e = assertThrows(IOException.class, () -> Vocabulary.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "v.tsv"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("v.tsv"), e.getMessage());
    }
}
