package dev.embeddings.tune;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The values a search space gives one parameter: a list to choose from, whole numbers in a closed range, or real
 * numbers drawn uniformly or log-uniformly. Random search {@link #sample samples} it; the grid takes
 * {@link #grid evenly spaced points}.
 */
public sealed interface Distribution {

    /** Significant digits a drawn real number keeps, so that tables and config files stay readable. */
    int SIGNIFICANT_DIGITS = 3;

    /** A value drawn from {@code random}: an Integer, a Double or a String. */
    Object sample(SplittableRandom random);

    /** At most {@code points} values spread evenly over this distribution, both ends included (all of a choice). */
    List<Object> grid(int points);

    /** One of the values listed. */
    record Choice(List<Object> values) implements Distribution {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public Object sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<Object> grid(int points) {
            return values;
        }
    }

    /** A whole number in [low, high]. */
    record IntRange(int low, int high) implements Distribution {
        @Override
        public Object sample(SplittableRandom random) {
            return low + random.nextInt(high - low + 1);
        }

        @Override
        public List<Object> grid(int points) {
            LinkedHashSet<Object> values = new LinkedHashSet<>();
            for (double x : evenly(low, high, points)) {
                values.add((int) Math.round(x));
            }
            return List.copyOf(values);
        }
    }

    /** A real number in [low, high], uniformly. */
    record Uniform(double low, double high) implements Distribution {
        @Override
        public Object sample(SplittableRandom random) {
            return rounded(low + (high - low) * random.nextDouble(), low, high);
        }

        @Override
        public List<Object> grid(int points) {
            List<Object> values = new ArrayList<>();
            for (double x : evenly(low, high, points)) {
                values.add(rounded(x, low, high));
            }
            return values;
        }
    }

    /** A real number in [low, high], low above 0, whose logarithm is uniform: as many draws per decade. */
    record LogUniform(double low, double high) implements Distribution {
        @Override
        public Object sample(SplittableRandom random) {
            return rounded(Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * random.nextDouble()), low,
                    high);
        }

        @Override
        public List<Object> grid(int points) {
            List<Object> values = new ArrayList<>();
            for (double x : evenly(Math.log(low), Math.log(high), points)) {
                values.add(rounded(Math.exp(x), low, high));
            }
            return values;
        }
    }

    /** {@code points} numbers from {@code low} to {@code high} in equal steps; one point is the middle. */
    private static double[] evenly(double low, double high, int points) {
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            values[i] = points == 1 ? (low + high) / 2 : low + (high - low) * i / (points - 1);
        }
        return values;
    }

    /** {@code x} to {@link #SIGNIFICANT_DIGITS} significant digits, kept within [low, high]. */
    private static Double rounded(double x, double low, double high) {
        double r = new BigDecimal(x).round(new MathContext(SIGNIFICANT_DIGITS)).doubleValue();
        return Math.min(high, Math.max(low, r));
    }
}
