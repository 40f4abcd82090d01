package dev.embeddings.subword;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.SegmentedMatrices;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Composition as {@code FastText::getWordVector}: the mean of the word's row (when it has one) and its n-gram rows.
 * The comparison with {@code fasttext print-word-vectors} itself is in the agreement test.
 */
class SubwordVectorsTest {

    private static final int DIM = 3;

    @Test
    void aKnownWordIsTheMeanOfItsRowAndItsNgramRows() {
        FastTextModel model = SubwordModels.random(DIM, 3, 4, 30, 11);
        CharNgrams ngrams = model.args().charNgrams();
        int id = model.dictionary().id("where");
        int[] rows = new int[1 + ngrams.count("where")];
        rows[0] = id;
        ngrams.rows("where", model.dictionary().size(), rows, 1);
        assertEquals(1 + 5 + 4, rows.length, "<wh whe her ere re> and <whe wher here ere>");

        float[] out = new float[DIM];
        assertEquals(rows.length, model.vectors().vector("where", out));
        assertArrayEquals(mean(model.input(), rows), out, 1e-6f);
    }

    @Test
    void anUnknownWordIsTheMeanOfItsNgramRowsAlone() {
        FastTextModel model = SubwordModels.random(DIM, 3, 4, 30, 12);
        CharNgrams ngrams = model.args().charNgrams();
        int[] rows = new int[ngrams.count("wherever")];
        ngrams.rows("wherever", model.dictionary().size(), rows, 0);

        float[] out = new float[DIM];
        assertEquals(-1, model.dictionary().id("wherever"));
        assertEquals(rows.length, model.vectors().vector("wherever", out));
        assertArrayEquals(mean(model.input(), rows), out, 1e-6f);
    }

    @Test
    void theEndOfSentenceTokenHasNoNgrams() {
        FastTextModel model = SubwordModels.random(DIM, 3, 6, 30, 13);
        float[] out = new float[DIM];
        assertEquals(1, model.vectors().vector("</s>", out));
        assertArrayEquals(model.input().row(model.dictionary().id("</s>")), out);

        String[] withoutIt = Arrays.copyOfRange(SubwordModels.WORDS, 1, SubwordModels.WORDS.length);
        FastTextModel other = SubwordModels.random(FastTextArgs.skipgram(DIM, 3, 6, 30), withoutIt, 14);
        assertEquals(0, other.vectors().vector("</s>", out));
        assertArrayEquals(new float[DIM], out);
    }

    @Test
    void averageIsFastTextsMultiplicationByTheReciprocal() {
        // Three rows of 0.1: fastText sums them and multiplies by (float) (1.0 / 3), giving 0.10000001, where
        // dividing by 3 would give 0.1.
        FastTextArgs args = FastTextArgs.skipgram(1, 3, 3, 5);
        FastTextDictionary dictionary = new FastTextDictionary(new String[] {"ab"}, new long[] {1}, 1);
        FloatMatrix input = FloatMatrix.wrap(new float[] {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f}, 1);
        SubwordVectors vectors = new FastTextModel(args, dictionary, input, FloatMatrix.zeros(1, 1)).vectors();
        float[] out = new float[1];
        assertEquals(3, vectors.vector("ab", out), "ab, <ab, ab>");
        assertEquals(0.10000001f, out[0]);
    }

    @Test
    void aSegmentedInputMatrixGivesTheSameVectors() {
        FastTextModel model = SubwordModels.random(DIM, 2, 5, 64, 15);
        SubwordVectors segmented = new SubwordVectors(model.dictionary(), model.args().charNgrams(),
                SegmentedMatrices.resegmented(model.input(), 8));
        float[] expected = new float[DIM];
        float[] actual = new float[DIM];
        for (String word : new String[] {"straße", "strasse", "日本語", "😀😀"}) {
            model.vectors().vector(word, expected);
            segmented.vector(word, actual);
            assertArrayEquals(expected, actual, word);
        }
    }

    @Test
    void theOutputBufferMustHaveTheDimension() {
        FastTextModel model = SubwordModels.random(DIM, 3, 6, 30, 16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.vectors().vector("the", new float[DIM + 1]));
        assertEquals("out has 4 floats, the vectors 3", e.getMessage());
    }

    /** The plain mean of {@code rows}, summed in double: close to fastText's float arithmetic, not bit-equal. */
    private static float[] mean(FloatMatrix input, int[] rows) {
        double[] sum = new double[input.width()];
        for (int row : rows) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += input.get(row, k);
            }
        }
        float[] mean = new float[sum.length];
        for (int k = 0; k < sum.length; k++) {
            mean[k] = (float) (sum[k] / rows.length);
        }
        return mean;
    }
}
