package dev.embeddings.finetune;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.SegmentedMatrices;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
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
            FloatMatrix.wrap(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2));

    /** Training counts: exact hits, case-insensitive hits, misses, and rare words with and without a vector. */
    private static final Map<String, Long> COUNTS =
            Map.of("the", 5L, "Paris", 3L, "berlin", 2L, "zebra", 2L, "rare", 1L, "rome", 1L);

    /** Words of unlabelled dev/test text: one with a vector that training never saw, one without. */
    private static final Map<String, Long> EVALUATION = Map.of("ROME", 1L, "paris", 2L, "unseen", 4L);

    private static final TokenIndex INDEX = TokenIndex.build(COUNTS, Map.of(), 2, w -> VECTORS.find(w) >= 0);

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
    void evaluationWordsJoinTheVocabularyOnlyWithAPretrainedVector() {
        TokenIndex withEvaluation = TokenIndex.build(COUNTS, EVALUATION, 2, w -> VECTORS.find(w) >= 0);
        assertEquals(INDEX.rows() + 2, withEvaluation.rows());
        assertNotEquals(TokenIndex.UNKNOWN, withEvaluation.row("ROME"));
        assertNotEquals(TokenIndex.UNKNOWN, withEvaluation.row("paris"));
        assertEquals(TokenIndex.UNKNOWN, withEvaluation.row("unseen"));
        EmbeddingMatrix m = EmbeddingMatrix.pretrained(withEvaluation, VECTORS, 1);
        assertArrayEquals(new float[] {7, 8}, row(m, withEvaluation.row("ROME")));
        // Without vectors (random initialisation) evaluation text adds nothing: its rows could never be learned.
        TokenIndex randomInit = TokenIndex.build(COUNTS, EVALUATION, 2, w -> false);
        assertEquals(TokenIndex.UNKNOWN, randomInit.row("ROME"));
        assertEquals(TokenIndex.build(COUNTS, Map.of(), 2, w -> false).rows(), randomInit.rows());
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
    void randomMatrixUsesKimRangeWithoutVectorsAndLeavesPaddingZero() {
        EmbeddingMatrix m = EmbeddingMatrix.random(INDEX, 3, null, 9);
        float[] values = m.values().toArray();
        assertEquals(INDEX.rows() * 3, values.length);
        assertArrayEquals(new float[] {0, 0, 0}, row(m, TokenIndex.PADDING));
        for (int i = 3; i < values.length; i++) {
            assertTrue(values[i] != 0 && Math.abs(values[i]) <= 0.25f);
        }
    }

    @Test
    void randomMatrixMatchesTheVarianceOfThePretrainedEntries() {
        // Entries -9..9 (std ~5.5): far from Kim's 0.25, so a random init on the wrong scale cannot pass.
        String[] words = new String[50];
        float[] matrix = new float[words.length * 4];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = i % 19 - 9;
        }
        for (int i = 0; i < words.length; i++) {
            words[i] = "w" + i;
        }
        PretrainedVectors wide = new PretrainedVectors(words, FloatMatrix.wrap(matrix, 4));
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            counts.put("task" + i, 3L);
        }
        EmbeddingMatrix m = EmbeddingMatrix.random(TokenIndex.build(counts, Map.of(), 2, w -> false), 4, wide, 3);
        float[] values = m.values().toArray();
        double sumSquares = 0;
        for (int i = 4; i < values.length; i++) {
            sumSquares += values[i] * values[i];
        }
        double std = Math.sqrt(sumSquares / (values.length - 4));
        assertEquals(wide.entryStd(), std, 0.05 * wide.entryStd());
    }

    @Test
    void pretrainedVectorsInManySegmentsGiveTheSameTables() {
        FloatMatrix single = SegmentedMatrices.gaussian(200, 4, 11);
        String[] words = new String[single.rows()];
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < words.length; i++) {
            words[i] = "w" + i;
            counts.put(i % 3 == 0 ? "W" + i : "task" + i, 3L);
        }
        PretrainedVectors one = new PretrainedVectors(words, single);
        PretrainedVectors many = new PretrainedVectors(words, SegmentedMatrices.resegmented(single, 2));
        assertEquals(one.entryStd(), many.entryStd());
        TokenIndex index = TokenIndex.build(counts, Map.of(), 2, w -> one.find(w) >= 0);
        assertTrue(EmbeddingMatrix.pretrained(index, one, 5).values()
                .contentEquals(EmbeddingMatrix.pretrained(index, many, 5).values()));
        assertTrue(EmbeddingMatrix.random(index, 4, one, 5).values()
                .contentEquals(EmbeddingMatrix.random(index, 4, many, 5).values()));
    }

    @Test
    void theNetworksEmbeddingLayerGetsATableOfManySegmentsRowForRow() {
        // 37 rows in segments of 4: ten segments, the last one partial.
        FloatMatrix table = SegmentedMatrices.resegmented(SegmentedMatrices.gaussian(37, 6, 12), 4);
        FineTuneConfig config = FineTuneConfig.defaults(ModelKind.AVERAGE, EmbeddingMode.STATIC).validate();
        ComputationGraph net = Networks.create(Networks.configuration(config, table.rows(), table.width(),
                List.of("neg", "pos"), 1),
                new EmbeddingMatrix(table));
        assertArrayEquals(table.toArray(), net.getParam(Networks.EMBEDDING + "_W").dup('c').data().asFloat());
    }

    @Test
    void coverageCountsTokensAndTypesFoundInTheVectors() {
        Coverage c = Coverage.of(COUNTS, VECTORS);
        // Found: the 5, Paris 3, berlin 2, rome 1 = 11 of 14 tokens; 4 of 6 types.
        assertEquals(new Coverage(4, 6, 11, 14, 0, 0), c);
        assertEquals(11.0 / 14, c.tokenShare(), 1e-12);
        assertEquals(4.0 / 6, c.typeShare(), 1e-12);
    }

    @Test
    void vectorsRejectAMatrixOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PretrainedVectors(new String[] {"a", "b"}, FloatMatrix.zeros(3, 2)));
        assertTrue(e.getMessage().contains("got 3"), e.getMessage());
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
                good.lowercase(), good.tagScheme(), good.epochs(), good.patience(), 0, good.optimizer(), good.dropout(),
                good.maxNorm(), good.filterMaps(), good.lstmSize(), good.seed());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::validate);
        assertTrue(e.getMessage().contains("batchSize") && e.getMessage().contains("at least 1"), e.getMessage());
    }

    private static float[] row(EmbeddingMatrix m, int row) {
        return m.values().row(row);
    }
}
