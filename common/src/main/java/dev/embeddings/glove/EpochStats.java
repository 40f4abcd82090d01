package dev.embeddings.glove;

/**
 * What one training call did: part {@code part} of {@code parts} of epoch {@code epoch} (0-based) went over
 * {@code entries} entries with mean entry loss {@code meanLoss} (½ f (…)², as glove.c reports it) in
 * {@code seconds}.
 */
public record EpochStats(int epoch, int part, int parts, long entries, double meanLoss, double seconds) {

    public double entriesPerSecond() {
        return seconds > 0 ? entries / seconds : Double.POSITIVE_INFINITY;
    }
}
