package dev.embeddings.finetune;

/**
 * The learning rate over training after the warm-up, as the {@code transformers} schedules of the same names:
 * constant, or falling from the full rate at the end of the warm-up to 0 at the last step, on a line or on half a
 * cosine. The last step is that of the last allowed epoch ({@code --epochs}); early stopping may end sooner.
 */
public enum LrSchedule {
    CONSTANT,
    LINEAR,
    COSINE;

    /** The fraction of the full rate after {@code progress} in [0, 1] of the steps after the warm-up. */
    double factor(double progress) {
        double p = Math.min(1, Math.max(0, progress));
        return switch (this) {
            case CONSTANT -> 1;
            case LINEAR -> 1 - p;
            case COSINE -> 0.5 * (1 + Math.cos(Math.PI * p));
        };
    }
}
