package dev.embeddings.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.embeddings.vectors.DocumentVectors.Pooling;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentVectorsTest {

    private static final String[] WORDS = {"the", "cat", "dog"};
    private static final float[] ROWS = {1, 1, 2, 0, 0, 4};
    /** "the" in every one of 3 documents, "cat" in 1, "dog" in 2. */
    private static final float[] IDF = {DocumentVectors.idf(3, 3), DocumentVectors.idf(3, 1),
            DocumentVectors.idf(3, 2)};

    private final DocumentVectors vectors = new DocumentVectors(WORDS, ROWS, 2, IDF);

    @Test
    void meanSkipsUnknownTokensAndCountsRepeats() {
        assertArrayEquals(new double[] {5 / 3.0, 1 / 3.0},
                vectors.pool(Arrays.asList("cat", "unknown", "cat", "the", null), Pooling.MEAN), 1e-12);
    }

    @Test
    void idfWeightingIgnoresWordsOfEveryDocument() {
        assertEquals(0f, IDF[0]);
        assertEquals((float) Math.log(2), IDF[1], 1e-7);
        double cat = IDF[1];
        double dog = IDF[2];
        double[] expected = {2 * cat / (cat + dog), 4 * dog / (cat + dog)};
        assertArrayEquals(expected, vectors.pool(List.of("the", "cat", "dog"), Pooling.IDF), 1e-6);
    }

    @Test
    void documentsWithoutWeightGetTheZeroVector() {
        assertArrayEquals(new double[] {0, 0}, vectors.pool(List.of(), Pooling.MEAN));
        assertArrayEquals(new double[] {0, 0}, vectors.pool(List.of("nothing"), Pooling.MEAN));
        assertArrayEquals(new double[] {0, 0}, vectors.pool(List.of("the", "the"), Pooling.IDF));
    }

    @Test
    void survivesJavaSerialization() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(vectors);
        }
        DocumentVectors copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (DocumentVectors) in.readObject();
        }
        assertArrayEquals(vectors.pool(List.of("dog", "cat"), Pooling.IDF), copy.pool(List.of("dog", "cat"),
                Pooling.IDF));
    }

    @Test
    void badInputIsRefusedInOneLine() {
        assertEquals("3 words of dimension 2 need 6 values, got 5", assertThrows(IllegalArgumentException.class,
                () -> new DocumentVectors(WORDS, new float[5], 2, null)).getMessage());
        assertEquals("duplicate word 'cat'", assertThrows(IllegalArgumentException.class,
                () -> new DocumentVectors(new String[] {"cat", "cat"}, new float[2], 1, null)).getMessage());
        assertEquals("pooling idf needs the words' IDF weights, which these vectors lack",
                assertThrows(IllegalStateException.class, () -> new DocumentVectors(WORDS, ROWS, 2, null)
                        .pool(List.of("cat"), Pooling.IDF)).getMessage());
        assertEquals("pooling must be mean or idf, got 'max'", assertThrows(IllegalArgumentException.class,
                () -> Pooling.of("max")).getMessage());
    }
}
