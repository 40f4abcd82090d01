package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GloveModelTest {

    @Test
    void initialisesParametersUniformlyWithinHalfOverDimAndAccumulatorsToOne() {
        int dim = 8;
        GloveModel model = GloveModel.initialize(300, dim, 5);
        double bound = 0.5 / dim;
        for (float[] parameters : new float[][] {model.w().segmentArray(0), model.wTilde().segmentArray(0), model.b(), model.bTilde()}) {
            double sum = 0;
            for (float p : parameters) {
                assertTrue(p >= -bound && p <= bound, "parameter " + p + " outside ±" + bound);
                sum += p;
            }
            // Mean of U(-bound, bound) is 0; with >= 300 samples it lies well within bound / 5.
            assertEquals(0, sum / parameters.length, bound / 5);
        }
        for (float[] accumulator : new float[][] {model.gradSqW().segmentArray(0), model.gradSqWTilde().segmentArray(0), model.gradSqB(),
                model.gradSqBTilde()}) {
            for (float g : accumulator) {
                assertEquals(1.0f, g);
            }
        }
    }

    @Test
    void sameSeedSameParametersOtherSeedOthers() {
        GloveModel a = GloveModel.initialize(50, 4, 9);
        GloveModel b = GloveModel.initialize(50, 4, 9);
        GloveModel c = GloveModel.initialize(50, 4, 10);
        assertArrayEquals(a.w().segmentArray(0), b.w().segmentArray(0));
        assertArrayEquals(a.bTilde(), b.bTilde());
        assertFalse(Arrays.equals(a.w().segmentArray(0), c.w().segmentArray(0)));
    }

    @Test
    void bytesHeldCountsFourArraysOfVTimesDimPlusOneFloats() {
        GloveModel model = GloveModel.initialize(1000, 100, 1);
        long counted = 4L * (model.w().segmentArray(0).length + model.wTilde().segmentArray(0).length + model.b().length + model.bTilde().length
                + model.gradSqW().segmentArray(0).length + model.gradSqWTilde().segmentArray(0).length + model.gradSqB().length
                + model.gradSqBTilde().length);
        assertEquals(counted, model.bytesHeld());
        assertEquals(4L * 1000 * 101 * 4, model.bytesHeld());
    }

    @Test
    void warmStartedRowReproducesTheGivenVectorInEitherOutput() {
        float[] given = {9, 1, 2, 3, 4, 9};
        for (OutputVectors output : OutputVectors.values()) {
            GloveModel model = GloveModel.initialize(3, 4, 2);
            float[] untouched = Arrays.copyOfRange(model.vectors(output).toArray(), 0, 4);
            model.warmStart(1, given, 1, output);
            float[] vectors = model.vectors(output).toArray();
            assertArrayEquals(new float[] {1, 2, 3, 4}, Arrays.copyOfRange(vectors, 4, 8), 1e-6f, output.name());
            assertArrayEquals(untouched, Arrays.copyOfRange(vectors, 0, 4), output.name());
        }
    }

    @Test
    void wordPlusContextOutputIsTheSumOfBothMatrices() {
        GloveModel model = GloveModel.initialize(7, 3, 4);
        float[] sum = model.vectors(OutputVectors.WORD_PLUS_CONTEXT).toArray();
        for (int k = 0; k < sum.length; k++) {
            assertEquals(model.w().segmentArray(0)[k] + model.wTilde().segmentArray(0)[k], sum[k], 0);
        }
        assertArrayEquals(model.w().segmentArray(0), model.vectors(OutputVectors.WORD).toArray());
    }
}
