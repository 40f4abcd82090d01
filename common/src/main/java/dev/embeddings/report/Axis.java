package dev.embeddings.report;

/**
 * A linear chart axis: the data range widened to round tick values (1, 2 or 5 times a power of ten), mapped onto
 * a pixel range.
 */
final class Axis {

    private static final int TARGET_TICKS = 5;

    private final double min;
    private final double max;
    private final double step;
    private final double fromPixel;
    private final double toPixel;

    /** An axis covering {@code values}, drawn from {@code fromPixel} (the minimum) to {@code toPixel}. */
    Axis(double[] values, double fromPixel, double toPixel) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        if (lo == hi) {
            // One value (or all equal): give it room rather than dividing by a zero range.
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        step = niceStep((hi - lo) / TARGET_TICKS);
        min = Math.floor(lo / step) * step;
        max = Math.ceil(hi / step) * step;
        this.fromPixel = fromPixel;
        this.toPixel = toPixel;
    }

    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    double pixel(double value) {
        return fromPixel + (value - min) / (max - min) * (toPixel - fromPixel);
    }

    /** The tick values, from the minimum to the maximum. */
    double[] ticks() {
        int count = (int) Math.round((max - min) / step) + 1;
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++) {
            // Multiply rather than accumulate, so 0.1 + 0.1 + 0.1 does not drift to 0.30000000000000004.
            ticks[i] = min + i * step;
        }
        return ticks;
    }

    /** A tick label, abbreviated with k/M/G when large so labels stay short. */
    String label(double value) {
        if (Math.abs(value) < step / 1e6) {
            return "0";
        }
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        if (magnitude >= 1e9) {
            return Html.number(value / 1e9) + "G";
        }
        if (magnitude >= 1e6) {
            return Html.number(value / 1e6) + "M";
        }
        if (magnitude >= 1e4) {
            return Html.number(value / 1e3) + "k";
        }
        return Html.number(value);
    }
}
