package dev.embeddings.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.subword.SubwordVectors;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.word2vec.WordFamilies;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pretrained vectors with a subword model (trained on {@link WordFamilies}): task words outside the vectors get
 * composed vectors in the embedding table, join the vocabulary from dev text, and are counted in the coverage.
 */
class SubwordEmbeddingsTest {

    /** Found exactly (walk), case-insensitively (Walks), composed (walker, drumer). */
    private static final Map<String, Long> COUNTS = Map.of("walk", 5L, "Walks", 3L, "walker", 2L, "drumer", 1L);

    private static SubwordVectors model;
    private static PretrainedVectors plain;
    private static PretrainedVectors composing;

    @BeforeAll
    static void train() {
        model = WordFamilies.fastText(3_000).vectors();
        WordVectors vectors = WordVectors.of(model);
        plain = new PretrainedVectors(vectors.words(), vectors.vectors());
        composing = new PretrainedVectors(vectors.words(), vectors.vectors(), model);
    }

    @Test
    void coverageCountsTheComposedWordsApart() {
        assertEquals(new Coverage(2, 4, 8, 11, 0, 0), Coverage.of(COUNTS, plain));
        Coverage c = Coverage.of(COUNTS, composing);
        assertEquals(new Coverage(2, 4, 8, 11, 2, 3), c);
        assertEquals(8.0 / 11, c.tokenShare(), 1e-12, "the share counts found words only");
    }

    @Test
    void wordsOutsideTheVectorsGetTheirComposedVectorAndDevWordsJoinTheVocabulary() {
        Map<String, Long> dev = Map.of("bloomy", 1L);
        TokenIndex index = TokenIndex.build(COUNTS, dev, 1, composing::has);
        assertNotEquals(TokenIndex.UNKNOWN, index.row("bloomy"));
        assertEquals(TokenIndex.UNKNOWN, TokenIndex.build(COUNTS, dev, 1, plain::has).row("bloomy"));

        EmbeddingMatrix table = EmbeddingMatrix.pretrained(index, composing, 1);
        float[] expected = new float[WordFamilies.DIM];
        for (String word : new String[] {"walker", "drumer", "bloomy"}) {
            assertTrue(composing.composes(word) && !plain.has(word), word);
            model.vector(word, expected);
            assertArrayEquals(expected, row(table, index.row(word)), word);
        }
        model.vector("walks", expected);
        assertArrayEquals(expected, row(table, index.row("Walks")), "found in the vectors, lower-cased");
        assertFalse(composing.composes("Walks"), "found, so not composed");
    }

    @Test
    void aSubwordModelOfAnotherDimensionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PretrainedVectors(new String[] {"walk"}, FloatMatrix.zeros(1, 4), model));
        assertEquals("the subword model has dimension 24, the vectors 4", e.getMessage());
    }

    private static float[] row(EmbeddingMatrix m, int row) {
        return m.values().row(row);
    }
}
