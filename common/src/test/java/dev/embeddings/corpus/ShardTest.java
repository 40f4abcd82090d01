package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShardTest {

    private static byte[] write(int maxSentence, int[]... sentences) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ShardWriter w = new ShardWriter(out, maxSentence)) {
            for (int[] s : sentences) {
                w.write(s, s.length);
            }
        }
        return out.toByteArray();
    }

    private static List<int[]> readAll(byte[] bytes, int vocabularySize) throws IOException {
        List<int[]> out = new ArrayList<>();
        try (ShardReader r = new ShardReader(new ByteArrayInputStream(bytes), "s.ids", vocabularySize)) {
            int n;
            while ((n = r.next()) >= 0) {
                out.add(Arrays.copyOf(r.ids(), n));
            }
        }
        return out;
    }

    @Test
    void roundTripsSentencesIncludingLargeIds() throws IOException {
        Random random = new Random(7);
        int[][] sentences = new int[200][];
        for (int i = 0; i < sentences.length; i++) {
            sentences[i] = random.ints(1 + random.nextInt(50), 0, 3_000_000).toArray();
        }
        List<int[]> back = readAll(write(1000, sentences), 3_000_000);
        assertEquals(sentences.length, back.size());
        for (int i = 0; i < sentences.length; i++) {
            assertArrayEquals(sentences[i], back.get(i));
        }
    }

    @Test
    void splitsSentencesLongerThanTheMaximum() throws IOException {
        int[] longSentence = new int[25];
        Arrays.setAll(longSentence, i -> i);
        List<int[]> back = readAll(write(10, longSentence), 100);
        assertEquals(3, back.size());
        assertArrayEquals(Arrays.copyOfRange(longSentence, 0, 10), back.get(0));
        assertArrayEquals(Arrays.copyOfRange(longSentence, 20, 25), back.get(2));
    }

    @Test
    void detectsATruncatedShard() throws IOException {
        byte[] bytes = write(100, new int[] {1, 2, 3}, new int[] {4, 5, 6});
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
        IOException e = assertThrows(IOException.class, () -> readAll(cut, 100));
        assertTrue(e.getMessage().contains("s.ids") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() throws IOException {
        byte[] bytes = write(100, new int[] {1, 2, 99});
        IOException e = assertThrows(IOException.class, () -> readAll(bytes, 50));
        assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotAShard() {
        byte[] text = "hello world, this is text\n".getBytes();
        IOException e = assertThrows(IOException.class, () -> readAll(text, 50));
        assertTrue(e.getMessage().contains("not a corpus shard"), e.getMessage());
    }
}
