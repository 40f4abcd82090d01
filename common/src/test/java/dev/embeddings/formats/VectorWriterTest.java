package dev.embeddings.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.SegmentedMatrices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class VectorWriterTest {

    private static final int ROWS = 10_000;
    private static final int DIM = 7;

    private static String word(int id) {
        return "w" + id + (id % 3 == 0 ? "é" : "");
    }

    private static byte[] rowByRow(VectorFormat format, FloatMatrix vectors) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VectorWriter writer = VectorFiles.openWriter(out, "rows", format, vectors.rows(), DIM)) {
            for (int id = 0; id < vectors.rows(); id++) {
                writer.write(word(id), vectors.row(id));
            }
        }
        return out.toByteArray();
    }

    private static byte[] all(VectorFormat format, FloatMatrix vectors, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VectorWriter writer = VectorFiles.openWriter(out, "all", format, vectors.rows(), DIM)) {
            writer.writeAll(VectorWriterTest::word, vectors, threads);
            assertEquals(vectors.rows(), writer.rowsWritten());
        }
        return out.toByteArray();
    }

    @Test
    void writingAllRowsOnSeveralThreadsGivesTheBytesOfWritingThemOneByOne() throws IOException {
        // Several formatting blocks, and a matrix of many segments.
        FloatMatrix vectors = SegmentedMatrices.resegmented(SegmentedMatrices.gaussian(ROWS, DIM, 5), 64);
        for (VectorFormat format : VectorFormat.values()) {
            byte[] expected = rowByRow(format, vectors);
            assertArrayEquals(expected, all(format, vectors, 1), format + ", one thread");
            assertArrayEquals(expected, all(format, vectors, 3), format + ", three threads");
        }
    }

    @Test
    void aBadRowFarIntoTheMatrixIsNamedAndTooManyRowsAreRefused() throws IOException {
        FloatMatrix vectors = SegmentedMatrices.gaussian(ROWS, DIM, 6);
        vectors.set(9_000, 2, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> all(VectorFormat.WORD2VEC_TEXT, vectors, 3));
        assertTrue(e.getMessage().contains("value 3 of '" + word(9_000) + "' is NaN"), e.getMessage());

        try (VectorWriter writer = VectorFiles.openWriter(new ByteArrayOutputStream(), "short",
                VectorFormat.WORD2VEC_BINARY, ROWS - 1, DIM)) {
            assertThrows(IllegalStateException.class,
                    () -> writer.writeAll(VectorWriterTest::word, SegmentedMatrices.gaussian(ROWS, DIM, 7), 2));
        } catch (IOException declaredCountNotMet) {
            assertTrue(declaredCountNotMet.getMessage().contains("declares"), declaredCountNotMet.getMessage());
        }
    }
}
