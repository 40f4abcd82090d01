package dev.embeddings.word2vec;

import dev.embeddings.matrix.FloatMatrix;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Word2VecModelTest {

    @Test
    void initialisesInputUniformlyInHalfOverDimAndOutputToZero() {
        int dim = 20;
        Word2VecModel model = Word2VecModel.initialize(500, dim, Word2VecConfig.Loss.NS, 3);
        double mean = 0;
        float max = 0;
        for (float x : model.input().segmentArray(0)) {
            assertTrue(Math.abs(x) <= 0.5f / dim, "input value " + x);
            mean += x;
            max = Math.max(max, Math.abs(x));
        }
        int n = model.input().segmentArray(0).length;
        assertEquals(0, mean / n, 5 / (dim * Math.sqrt(12.0 * n)), "centred (5 standard errors)");
        assertTrue(max > 0.45f / dim, "spans the range");
        for (float x : model.output().segmentArray(0)) {
            assertEquals(0f, x);
        }
    }

    @Test
    void seedDeterminesInitialisation() {
        float[] a = Word2VecModel.initialize(50, 8, Word2VecConfig.Loss.NS, 1).input().segmentArray(0);
        assertArrayEquals(a, Word2VecModel.initialize(50, 8, Word2VecConfig.Loss.NS, 1).input().segmentArray(0));
        assertFalse(Arrays.equals(a, Word2VecModel.initialize(50, 8, Word2VecConfig.Loss.NS, 2).input().segmentArray(0)));
    }

    @Test
    void outputHasOneRowPerWordForNegativeSamplingAndPerInnerNodeForHierarchicalSoftmax() {
        assertEquals(10, Word2VecModel.zeros(10, 4, Word2VecConfig.Loss.NS).outputRows());
        assertEquals(9, Word2VecModel.zeros(10, 4, Word2VecConfig.Loss.HS).outputRows());
        assertEquals(4L * 4 * (10 + 9), Word2VecModel.zeros(10, 4, Word2VecConfig.Loss.HS).bytesHeld());
    }

    @Test
    void warmStartOverwritesOneInputRow() {
        Word2VecModel model = Word2VecModel.initialize(5, 3, Word2VecConfig.Loss.NS, 1);
        float[] before = model.inputRow(1);
        model.setInputRow(2, new float[] {1, 2, 3});
        assertArrayEquals(new float[] {1, 2, 3}, model.inputRow(2));
        assertArrayEquals(before, model.inputRow(1));
        assertThrows(IllegalArgumentException.class, () -> model.setInputRow(2, new float[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> model.setInputRow(5, new float[] {1, 2, 3}));
    }

    @Test
    void wrapChecksMatrixShapes() {
        FloatMatrix input = FloatMatrix.zeros(4, 3);
        assertSame(input, Word2VecModel.wrap(4, 3, Word2VecConfig.Loss.HS, input, FloatMatrix.zeros(3, 3)).input());
        assertThrows(IllegalArgumentException.class,
                () -> Word2VecModel.wrap(4, 3, Word2VecConfig.Loss.NS, input, FloatMatrix.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> Word2VecModel.wrap(4, 3, Word2VecConfig.Loss.NS, FloatMatrix.zeros(4, 2), FloatMatrix.zeros(4, 3)));
    }
}
