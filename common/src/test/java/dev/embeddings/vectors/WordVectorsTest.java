package dev.embeddings.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorFormat;
import dev.embeddings.formats.VectorFormatException;
import dev.embeddings.formats.VectorReader;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.SegmentedMatrices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WordVectorsTest {

    @TempDir
    Path dir;

    /** Axes: royalty, gender (+ male), fruit. king - man + woman lands exactly on queen's direction. */
    private static WordVectors royals() {
        return WordVectors.of(new String[] {"man", "woman", "king", "queen", "apple", "pear", "nothing"},
                new float[] {
                    0, 1, 0,
                    0, -1, 0,
                    2, 2, 0,
                    3, -3, 0,
                    0, 0, 5,
                    0, 0.1f, 1,
                    0, 0, 0,
                }, 3);
    }

    @Test
    void analogyFindsTheWordCompletingTheRelation() {
        List<Neighbour> answer = royals().analogy("man", "king", "woman", 2);
        assertEquals("queen", answer.get(0).word());
        // unit(king) - unit(man) + unit(woman) = (s, s - 2, 0) with s = 1/sqrt(2); its cosine with queen:
        double s = Math.sqrt(0.5);
        double expected = (s * s + s * (2 - s)) / Math.sqrt(s * s + (s - 2) * (s - 2));
        assertEquals(expected, answer.get(0).similarity(), 1e-6);
        assertTrue(answer.stream().noneMatch(n -> List.of("man", "king", "woman").contains(n.word())));
    }

    @Test
    void nearestRanksByCosineAndLeavesOutTheWordItself() {
        List<Neighbour> near = royals().nearest("apple", 3);
        assertEquals("pear", near.get(0).word());
        assertEquals(1 / Math.sqrt(1.01), near.get(0).similarity(), 1e-6);
        assertEquals(3, near.size());
        assertTrue(near.stream().noneMatch(n -> n.word().equals("apple")));
        assertTrue(near.get(1).similarity() >= near.get(2).similarity());
    }

    @Test
    void nearestToAVectorBreaksTiesTowardsTheMoreFrequentWordAndHonoursExclusions() {
        WordVectors v = royals();
        // (1, 1, 0) points exactly at king; man follows at 1/sqrt(2).
        List<Neighbour> near = v.nearest(new float[] {1, 1, 0}, 2);
        assertEquals(List.of("king", "man"), List.of(near.get(0).word(), near.get(1).word()));
        List<Neighbour> tie = v.nearest(new float[] {0, 1, 0}, 2, "man");
        assertEquals("king", tie.get(0).word());
        List<Neighbour> equalScores = v.nearest(new float[] {1, 0, 0}, 2);
        // king and queen both have cosine sqrt(1/2); king comes first in the vocabulary.
        assertEquals(List.of("king", "queen"), List.of(equalScores.get(0).word(), equalScores.get(1).word()));
    }

    @Test
    void similarityIsCosineAndAZeroVectorIsSimilarToNothing() {
        WordVectors v = royals();
        assertEquals(Math.sqrt(0.5), v.similarity("man", "king"), 1e-6);
        assertEquals(0, v.similarity("king", "queen"), 1e-6);
        assertEquals(-1, v.similarity("man", "woman"), 1e-6);
        assertEquals(0f, v.similarity("nothing", "apple"));
    }

    @Test
    void lookupsReturnIdsInFrequencyOrderAndCopies() {
        WordVectors v = royals();
        assertEquals(7, v.size());
        assertEquals(3, v.dimension());
        assertEquals(2, v.id("king"));
        assertEquals("king", v.word(2));
        assertEquals(-1, v.id("King"));
        float[] queen = v.vector("queen");
        assertArrayEquals(new float[] {3, -3, 0}, queen);
        queen[0] = 99;
        assertArrayEquals(new float[] {3, -3, 0}, v.vector("queen"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.vector("prince"));
        assertTrue(e.getMessage().contains("'prince'"));
    }

    @ParameterizedTest
    @EnumSource(VectorFormat.class)
    void writeToThenLoadGivesTheSameVectors(VectorFormat format) throws IOException {
        WordVectors v = royals();
        Path file = dir.resolve("royals." + format.cliName());
        v.writeTo(file, format);
        assertSame(v, WordVectors.load(file));
        assertSame(v, WordVectors.load(new ByteArrayInputStream(Files.readAllBytes(file)), "royals"));
    }

    @Test
    void streamLoadGrowsPastItsInitialCapacity() throws IOException {
        int n = 100_000;
        String[] words = new String[n];
        float[] values = new float[2 * n];
        for (int i = 0; i < n; i++) {
            words[i] = "w" + i;
            values[2 * i] = i;
            values[2 * i + 1] = 1;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WordVectors.of(words, values, 2).writeTo(bytes, "mem", VectorFormat.GLOVE_TEXT);
        WordVectors loaded = WordVectors.load(new ByteArrayInputStream(bytes.toByteArray()), "mem");
        assertEquals(n, loaded.size());
        assertEquals(n - 1, loaded.id("w" + (n - 1)));
        assertArrayEquals(new float[] {n - 1, 1}, loaded.vector("w" + (n - 1)));
    }

    @Test
    void headerPromisingBillionsOfWideVectorsFailsAsTruncatedNotOutOfMemory() throws IOException {
        ByteBuffer file = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        file.put("2000000000 3\nx ".getBytes(StandardCharsets.US_ASCII)).putFloat(1).putFloat(2).putFloat(3);
        Path path = dir.resolve("liar.bin");
        Files.write(path, java.util.Arrays.copyOf(file.array(), file.position()));
        VectorFormatException e = assertThrows(VectorFormatException.class, () -> WordVectors.load(path));
        assertTrue(e.getMessage().contains("liar.bin") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void queriesGiveTheSameAnswersWhateverTheSegmenting() throws IOException {
        int n = 500;
        int dim = 12;
        FloatMatrix single = SegmentedMatrices.gaussian(n, dim, 1);
        FloatMatrix tiny = SegmentedMatrices.resegmented(single, 2);
        assertEquals(n / 2, tiny.segmentCount());
        WordVectors one = WordVectors.of(words(n), single);
        WordVectors many = WordVectors.of(words(n), tiny);
        assertSameAnswers(one, many);
        ByteArrayOutputStream fromOne = new ByteArrayOutputStream();
        ByteArrayOutputStream fromMany = new ByteArrayOutputStream();
        one.writeTo(fromOne, "one", VectorFormat.WORD2VEC_BINARY);
        many.writeTo(fromMany, "many", VectorFormat.WORD2VEC_BINARY);
        assertArrayEquals(fromOne.toByteArray(), fromMany.toByteArray());
    }

    @ParameterizedTest
    @EnumSource(VectorFormat.class)
    void readingIntoSmallSegmentsGivesTheSameVectorsAndAnswers(VectorFormat format) throws IOException {
        int n = 300;
        int dim = 5;
        Path file = dir.resolve("random." + format.cliName());
        WordVectors.of(words(n), SegmentedMatrices.gaussian(n, dim, 2)).writeTo(file, format);
        WordVectors loaded = WordVectors.load(file);
        // From one row the matrix grows many times; from 1000 a headerless file's matrix is trimmed at the end.
        for (long startBound : new long[] {1, 1000}) {
            try (VectorReader reader = VectorFiles.openReader(file)) {
                assertSameAnswers(loaded, WordVectors.read(reader, startBound, 2 * dim));
            }
        }
    }

    @Test
    void duplicateWordsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> WordVectors.of(new String[] {"a", "a"}, new float[] {1, 2}, 1));
    }

    private static String[] words(int n) {
        String[] words = new String[n];
        for (int i = 0; i < n; i++) {
            words[i] = "w" + i;
        }
        return words;
    }

    /** The same words and vectors, and every kind of query answered identically. */
    private static void assertSameAnswers(WordVectors expected, WordVectors actual) {
        assertSame(expected, actual);
        int n = expected.size();
        for (int i = 0; i < n; i += 7) {
            String word = expected.word(i);
            assertEquals(expected.nearest(word, 10), actual.nearest(word, 10));
            float[] query = expected.vector(expected.word(n - 1 - i));
            assertEquals(expected.nearest(query, 10, word), actual.nearest(query, 10, word));
            String b = expected.word((i + 1) % n);
            String c = expected.word((i + 2) % n);
            assertEquals(expected.analogy(word, b, c, 5), actual.analogy(word, b, c, 5));
            assertEquals(expected.similarity(word, c), actual.similarity(word, c));
        }
    }

    private static void assertSame(WordVectors expected, WordVectors actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.word(i), actual.word(i));
            assertArrayEquals(expected.vector(expected.word(i)), actual.vector(actual.word(i)));
        }
    }
}
