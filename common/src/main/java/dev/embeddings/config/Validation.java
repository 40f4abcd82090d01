package dev.embeddings.config;

/**
 * The range checks of every configuration, in one style: the message names the parameter, what is allowed and the
 * value ({@code dim must be in [1, 10000], got 0}). Parameters are named as the configurations' components and the
 * Spark ML estimators' Params are ({@code minCount}); the command line shows the option instead
 * ({@code --min-count}: see the CLI's {@code Main}).
 */
public final class Validation {

    private Validation() {
    }

    public static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    public static void range(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + plain(min) + ", " + plain(max) + "], got "
                    + value);
        }
    }

    public static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    public static void positiveFinite(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
    }

    /** A bound as people write it: 1 rather than 1.0. */
    private static String plain(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound)
                : Double.toString(bound);
    }

    /** The settings every training job shares: where it reads and writes, and how its work is distributed. */
    public static void trainingJob(String corpus, String output, int workers, int syncsPerEpoch) {
        if (corpus == null || corpus.isBlank()) {
            throw new IllegalArgumentException("corpus: give the corpus directory");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("output: give the output directory");
        }
        workers(workers);
        syncsPerEpoch(syncsPerEpoch);
    }

    /** Parallel workers of a training job. */
    public static void workers(int workers) {
        range("workers", workers, 1, 10_000);
    }

    /** Averaging rounds per epoch of a training job. */
    public static void syncsPerEpoch(int rounds) {
        range("syncsPerEpoch", rounds, 1, 10_000);
    }
}
