package dev.embeddings.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void ticksAreRoundNumbersCoveringTheData() {
        Axis axis = new Axis(new double[] {0.397, 0.537}, 0, 100);
        // A range of 0.14 over about five ticks: steps of 0.05, the nearest of 1, 2, 5 x 10^k above 0.028.
        assertArrayEquals(new double[] {0.35, 0.4, 0.45, 0.5, 0.55}, axis.ticks(), 1e-12);
        assertEquals(0, axis.pixel(0.35), 1e-9);
        assertEquals(100, axis.pixel(0.55), 1e-9);
    }

    @Test
    void largeValuesGetShortLabels() {
        Axis axis = new Axis(new double[] {0, 1_662_086}, 0, 100);
        assertEquals("0", axis.label(0));
        assertEquals("1.5M", axis.label(1_500_000));
        assertEquals("150k", new Axis(new double[] {20_000, 140_000}, 0, 1).label(150_000));
    }

    @Test
    void aSingleValueStillGetsARange() {
        Axis axis = new Axis(new double[] {5, 5}, 0, 10);
        double[] ticks = axis.ticks();
        assertEquals(true, ticks[0] < 5 && ticks[ticks.length - 1] > 5);
    }
}
