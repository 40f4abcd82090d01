package dev.embeddings.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Parameters and row-block sums survive Java serialization (Spark's broadcast, shuffle and collect) bit for bit. */
class BulkFloatsTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    /** Random floats and the values a careless conversion would change: NaN payloads, -0, subnormals, infinities. */
    private static float[] awkwardFloats(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = Float.intBitsToFloat(random.nextInt());
        }
        float[] special = {-0f, Float.MIN_VALUE, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc00123)};
        System.arraycopy(special, 0, values, 0, Math.min(length, special.length));
        return values;
    }

    private static void assertSameBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "float " + i);
        }
    }

    @Test
    void parametersRoundTripBitForBitAcrossChunkBoundaries() throws Exception {
        // 16,384 floats fill one 64 KiB chunk: one matrix spans several chunks and ends mid-chunk, one is empty.
        float[] big = awkwardFloats(7 * 7_023, 1);
        float[] small = awkwardFloats(5, 2);
        Parameters copy = roundTrip(new Parameters(new float[][] {big, small, new float[0]}, new int[] {7, 1, 3}));

        assertEquals(3, copy.count());
        assertSameBits(big, copy.matrix(0));
        assertSameBits(small, copy.matrix(1));
        assertEquals(0, copy.matrix(2).length);
        assertArrayEquals(new int[] {7, 1, 3}, new int[] {copy.width(0), copy.width(1), copy.width(2)});
    }

    @Test
    void aShippedRowBlockSumCombinesLikeTheOriginal() throws Exception {
        float[] start = awkwardFloats(600 * 4, 3);
        for (int i = 0; i < start.length; i++) {
            start[i] = Float.isFinite(start[i]) ? start[i] % 10 : 0;
        }
        float[] trainedA = start.clone();
        float[] trainedB = start.clone();
        trainedA[5] += 1;
        trainedB[5] -= 0.25f;
        trainedB[4 * 599] += 2;
        int[] updatesA = new int[600];
        int[] updatesB = new int[600];
        updatesA[1] = 3;
        updatesB[1] = 40;
        updatesB[599] = 1;
        RowBlockSum local = RowBlockSum.of(start, trainedA, 4, 0, 600, 2, updatesA, 0.01)
                .add(RowBlockSum.of(start, trainedB, 4, 0, 600, 1, updatesB, 0.01));
        RowBlockSum shipped = roundTrip(RowBlockSum.of(start, trainedA, 4, 0, 600, 2, updatesA, 0.01))
                .add(roundTrip(RowBlockSum.of(start, trainedB, 4, 0, 600, 1, updatesB, 0.01)));

        for (MergeRule rule : MergeRule.values()) {
            float[] expected = start.clone();
            float[] actual = start.clone();
            local.applyTo(expected, 4, 0, rule);
            roundTrip(shipped).applyTo(actual, 4, 0, rule);
            assertSameBits(expected, actual);
        }
    }
}
