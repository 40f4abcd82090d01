package dev.embeddings.finetune;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingsTest {

    private static final PretrainedVectors VECTORS = new PretrainedVectors(
            new String[] {"the", "paris", "Berlin", "rome"},
            new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2);

    /** Training counts: exact hits, case-insensitive hits, misses, and rare words with and without a vector. */
    private static final Map<String, Long> COUNTS =
            Map.of("the", 5L, "Paris", 3L, "berlin", 2L, "zebra", 2L, "rare", 1L, "rome", 1L);

    private static final TokenIndex INDEX = TokenIndex.build(COUNTS, 2, w -> VECTORS.find(w) >= 0);

    @Test
    void rareWordsWithoutVectorMapToUnknownRowOthersGetOwnRows() {
        assertEquals(5 + 2, INDEX.rows());
        assertEquals(TokenIndex.UNKNOWN, INDEX.row("rare"));
        assertEquals(TokenIndex.UNKNOWN, INDEX.row("never-seen"));
        assertNotEquals(TokenIndex.UNKNOWN, INDEX.row("rome"));
        assertArrayEquals(new int[] {INDEX.row("the"), TokenIndex.UNKNOWN}, INDEX.encode(List.of("the", "rare")));
        assertTrue(INDEX.row("the") >= 2);
    }

    @Test
    void pretrainedRowsAreCopiedWithCaseInsensitiveFallbackAndPaddingIsZero() {
        EmbeddingMatrix m = EmbeddingMatrix.pretrained(INDEX, VECTORS, 1);
        assertEquals(2, m.dim());
        assertArrayEquals(new float[] {1, 2}, row(m, INDEX.row("the")));
        assertArrayEquals(new float[] {3, 4}, row(m, INDEX.row("Paris")));
        assertArrayEquals(new float[] {5, 6}, row(m, INDEX.row("berlin")));
        assertArrayEquals(new float[] {7, 8}, row(m, INDEX.row("rome")));
        assertArrayEquals(new float[] {0, 0}, row(m, TokenIndex.PADDING));
        // Words without a vector and the unknown row: random, on the scale of the pretrained entries.
        double range = Math.sqrt(3) * VECTORS.entryStd();
        for (int r : new int[] {INDEX.row("zebra"), TokenIndex.UNKNOWN}) {
            float[] v = row(m, r);
            assertTrue(v[0] != 0 && Math.abs(v[0]) <= range && Math.abs(v[1]) <= range, Arrays.toString(v));
        }
    }

    @Test
    void randomMatrixUsesKimRangeAndLeavesPaddingZero() {
        EmbeddingMatrix m = EmbeddingMatrix.random(INDEX, 3, 9);
        assertEquals(INDEX.rows() * 3, m.values().length);
        assertArrayEquals(new float[] {0, 0, 0}, row(m, TokenIndex.PADDING));
        for (int i = 3; i < m.values().length; i++) {
            assertTrue(m.values()[i] != 0 && Math.abs(m.values()[i]) <= 0.25f);
        }
    }

    @Test
    void coverageCountsTokensAndTypesFoundInTheVectors() {
        Coverage c = Coverage.of(COUNTS, VECTORS);
        // Found: the 5, Paris 3, berlin 2, rome 1 = 11 of 14 tokens; 4 of 6 types.
        assertEquals(new Coverage(4, 6, 11, 14), c);
        assertEquals(11.0 / 14, c.tokenShare(), 1e-12);
        assertEquals(4.0 / 6, c.typeShare(), 1e-12);
    }

    @Test
    void vectorsRejectAMatrixOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PretrainedVectors(new String[] {"a", "b"}, new float[3], 2));
        assertTrue(e.getMessage().contains("needs 4"), e.getMessage());
    }

    @Test
    void casingCategoriesFollowTheWordShape() {
        assertEquals(Casing.ALL_LOWER, Casing.of("hello"));
        assertEquals(Casing.ALL_CAPS, Casing.of("NATO"));
        assertEquals(Casing.INITIAL_CAP, Casing.of("Paris"));
        assertEquals(Casing.ALL_DIGITS, Casing.of("1984"));
        assertEquals(Casing.HAS_DIGIT, Casing.of("B52"));
        assertEquals(Casing.MIXED, Casing.of("iPhone"));
        assertEquals(Casing.MIXED, Casing.of("McDonald"));
        assertEquals(Casing.OTHER, Casing.of(","));
    }

    @Test
    void configAndModeParsingNameTheBadValue() {
        assertEquals(EmbeddingMode.FINE_TUNE, EmbeddingMode.parse("fine-tune"));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingMode.parse("frozen"));
        FineTuneConfig good = FineTuneConfig.defaults(ModelKind.CNN, EmbeddingMode.RANDOM).validate();
        FineTuneConfig bad = new FineTuneConfig(good.model(), good.embeddings(), good.randomDim(), good.minCount(),
                good.lowercase(), good.tagScheme(), good.epochs(), good.patience(), 0, good.learningRate(),
                good.weightDecay(), good.dropout(), good.filterMaps(), good.lstmSize(), good.seed());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::validate);
        assertTrue(e.getMessage().contains("batchSize") && e.getMessage().contains("at least 1"), e.getMessage());
    }

    private static float[] row(EmbeddingMatrix m, int row) {
        return Arrays.copyOfRange(m.values(), row * m.dim(), (row + 1) * m.dim());
    }
}
