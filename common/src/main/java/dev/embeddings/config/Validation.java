package dev.embeddings.config;

/** Range checks whose messages name the parameter, its value and what is allowed. */
public final class Validation {

    private Validation() {
    }

    public static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    public static void range(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    /** The settings every training job shares: where it reads and writes, and how its work is distributed. */
    public static void trainingJob(String corpus, String output, int workers, int syncsPerEpoch) {
        if (corpus == null || corpus.isBlank()) {
            throw new IllegalArgumentException("--corpus: give the corpus directory");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output: give the output directory");
        }
        workers("--workers", workers);
        syncsPerEpoch("--syncs-per-epoch", syncsPerEpoch);
    }

    /** Parallel workers of a training job, as setting {@code name}. */
    public static void workers(String name, int workers) {
        range(name, workers, 1, 10_000);
    }

    /** Averaging rounds per epoch of a training job, as setting {@code name}. */
    public static void syncsPerEpoch(String name, int rounds) {
        range(name, rounds, 1, 10_000);
    }
}
