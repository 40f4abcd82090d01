package dev.embeddings.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.Parameters;
import dev.embeddings.matrix.SegmentedMatrices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CheckpointFileTest {

    private static final Fingerprint FINGERPRINT = Fingerprint.of(Map.of("dim", 3, "corpusSha256", "ab12"));

    /** A model-like set of matrices: 70,000 random floats (more than one write chunk) plus a bias vector. */
    private static Parameters parameters(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] vectors = new float[3 * 23_333];
        float[] biases = new float[23_333];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < biases.length; i++) {
            biases[i] = (float) random.nextGaussian();
        }
        biases[0] = Float.NaN;
        biases[1] = -0.0f;
        return new Parameters(FloatMatrix.wrap(vectors, 3), FloatMatrix.wrap(biases, 1));
    }

    /** The same values in matrices of many small segments. */
    private static Parameters segmented(Parameters parameters) {
        FloatMatrix[] matrices = new FloatMatrix[parameters.count()];
        for (int m = 0; m < matrices.length; m++) {
            matrices[m] = SegmentedMatrices.resegmented(parameters.matrix(m), 256);
        }
        return new Parameters(matrices);
    }

    private static Progress progress() {
        TrainingRound point = TrainingRound.of(TrainingRound.WORDS, 1, 2, 123_456_789_012L, 2.5, 1e6);
        TrainingRound last = TrainingRound.of(TrainingRound.WORDS, 1, 2, 123_456_789_012L, Double.NaN, 1e6);
        return new Progress(2, 123_456_789_012L, List.of(point, last));
    }

    private static byte[] written(Parameters parameters) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckpointFile.write(out, FINGERPRINT, progress(), parameters);
        return out.toByteArray();
    }

    @Test
    void loadRestoresEveryFloatBitForBitAndTheProgress() throws IOException {
        Parameters saved = parameters(1);
        byte[] file = written(saved);
        Parameters restored = parameters(2);

        CheckpointFile.Header header = CheckpointFile.load(new ByteArrayInputStream(file), restored);

        for (int m = 0; m < saved.count(); m++) {
            int[] expected = bits(saved.matrix(m).toArray());
            assertArrayEquals(expected, bits(restored.matrix(m).toArray()), "matrix " + m);
        }
        assertEquals(FINGERPRINT, header.fingerprint());
        assertEquals(2, header.progress().roundsDone());
        assertEquals(123_456_789_012L, header.progress().items());
        assertEquals(2, header.progress().history().size());
        assertEquals(progress().history().get(0), header.progress().history().get(0));
        assertTrue(Double.isNaN(header.progress().lastLoss()), "a NaN loss survives the JSON header");
        assertEquals(saved.bytes(), header.bytes());
    }

    @Test
    void verifyReadsTheHeaderWithoutTouchingAnyModel() throws IOException {
        CheckpointFile.Header header = CheckpointFile.verify(new ByteArrayInputStream(written(parameters(1))));
        assertArrayEquals(new long[] {3 * 23_333, 23_333}, header.lengths());
        assertTrue(header.fits(parameters(5)));
    }

    @Test
    void segmentedMatricesWriteTheSameFileAndLoadBitForBit() throws IOException {
        Parameters saved = parameters(1);
        Parameters savedInSegments = segmented(saved);
        assertTrue(savedInSegments.matrix(0).segmentCount() > 50);
        byte[] file = written(saved);
        assertArrayEquals(file, written(savedInSegments));

        Parameters restored = segmented(parameters(2));
        CheckpointFile.load(new ByteArrayInputStream(file), restored);
        for (int m = 0; m < saved.count(); m++) {
            assertArrayEquals(bits(saved.matrix(m).toArray()), bits(restored.matrix(m).toArray()), "matrix " + m);
        }
    }

    @Test
    void aFlippedBitAnywhereIsReportedAsCorrupt() throws IOException {
        byte[] file = written(parameters(1));
        for (int position : new int[] {3, 10, file.length / 2, file.length - 40, file.length - 1}) {
            byte[] damaged = file.clone();
            damaged[position] ^= 0x10;
            assertThrows(CorruptCheckpointException.class,
                    () -> CheckpointFile.verify(new ByteArrayInputStream(damaged)), "flipped byte " + position);
        }
    }

    @Test
    void aTruncatedOrExtendedFileIsReportedAsCorrupt() throws IOException {
        byte[] file = written(parameters(1));
        for (int length : new int[] {0, 5, 12, file.length / 3, file.length - 1}) {
            byte[] truncated = Arrays.copyOf(file, length);
            assertThrows(CorruptCheckpointException.class,
                    () -> CheckpointFile.verify(new ByteArrayInputStream(truncated)), "truncated to " + length);
        }
        byte[] extended = Arrays.copyOf(file, file.length + 1);
        assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.verify(new ByteArrayInputStream(extended)));
    }

    @Test
    void aModelOfAnotherShapeIsRefusedBeforeAnyArrayIsOverwritten() throws IOException {
        byte[] file = written(parameters(1));
        float[] other = new float[6];
        Parameters wrongShape = new Parameters(FloatMatrix.wrap(other, 3), FloatMatrix.wrap(new float[2], 1));
        assertThrows(IllegalArgumentException.class,
                () -> CheckpointFile.load(new ByteArrayInputStream(file), wrongShape));
        assertArrayEquals(new float[6], other);
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
