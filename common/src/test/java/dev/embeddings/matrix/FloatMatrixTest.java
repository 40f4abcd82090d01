package dev.embeddings.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatMatrixTest {

    @Test
    void rowsNeverStraddleSegmentsAndSegmentsHoldAPowerOfTwoRows() {
        // 7 floats per segment at width 3: two rows fit, so segments of 2 rows; 5 rows make 3 segments (2, 2, 1).
        FloatMatrix m = FloatMatrix.zeros(5, 3, 7);
        assertEquals(2, m.segmentRows());
        assertEquals(3, m.segmentCount());
        assertEquals(6, m.segmentArray(0).length);
        assertEquals(3, m.segmentArray(2).length);
        for (int row = 0; row < 5; row++) {
            assertSame(m.segmentArray(row / 2), m.segment(row));
            assertEquals(row % 2 * 3, m.offset(row));
        }
    }

    @Test
    void segmentedMatrixHoldsTheSameValuesAsOneArray() {
        int rows = 37;
        int width = 5;
        float[] flat = new float[rows * width];
        FloatMatrix segmented = FloatMatrix.zeros(rows, width, 16);
        for (int row = 0; row < rows; row++) {
            for (int k = 0; k < width; k++) {
                float value = row * 100 + k;
                flat[row * width + k] = value;
                segmented.set(row, k, value);
            }
        }
        assertTrue(segmented.segmentCount() > 1);
        assertArrayEquals(flat, segmented.toArray());
        FloatMatrix single = FloatMatrix.wrap(flat, width);
        assertEquals(1, single.segmentCount());
        assertTrue(single.contentEquals(segmented));
        assertArrayEquals(new float[] {3600, 3601, 3602, 3603, 3604}, segmented.row(36));

        FloatMatrix copy = segmented.copy();
        copy.add(36, 4, 1f);
        assertFalse(copy.contentEquals(segmented), "a copy is deep");
        copy.setRow(36, flat, 36 * width);
        assertTrue(copy.contentEquals(segmented));
    }

    @Test
    void segmentsHoldAtLeastOneRowAndByDefaultAPowerOfTwoRowsWithinTheDefaultSize() {
        assertEquals(3, FloatMatrix.zeros(3, 4, 1).segmentCount());
        FloatMatrix wide = FloatMatrix.zeros(2, 1 << 20);
        assertEquals(FloatMatrix.DEFAULT_SEGMENT_FLOATS >> 20, wide.segmentRows());
        assertEquals(1, wide.segmentCount());
        assertEquals(8L << 20, wide.bytes());
    }

    @Test
    void touchReadsOneValuePerCacheLineOfTheRow() {
        FloatMatrix m = FloatMatrix.zeros(3, 40, 80);
        for (int k = 0; k < 40; k++) {
            m.set(2, k, k + 1);
        }
        assertEquals(1 + 17 + 33, m.touch(2));
        assertEquals(0, m.touch(1));
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FloatMatrix.zeros(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> FloatMatrix.zeros(2, 0));
        assertThrows(IllegalArgumentException.class, () -> FloatMatrix.wrap(new float[7], 3));
    }
}
