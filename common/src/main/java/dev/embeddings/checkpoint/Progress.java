package dev.embeddings.checkpoint;

import java.util.List;

/**
 * How far a parameter-averaging training has come: rounds completed over all epochs (so epoch = roundsDone / K and
 * the learning-rate schedule, a function of the round index, follow), items trained so far, and the per-round
 * history points the run report plots.
 *
 * @param roundsDone rounds completed since the start, over all epochs
 * @param items      words (word2vec) or co-occurrence entries (GloVe) trained so far
 * @param history    one point per completed round, as the manifest records them
 */
public record Progress(int roundsDone, long items, List<TrainingRound> history) implements java.io.Serializable {

    /** Nothing done yet. */
    public static final Progress START = new Progress(0, 0, List.of());

    public Progress {
        if (roundsDone < 0 || items < 0) {
            throw new IllegalArgumentException("progress must not be negative: " + roundsDone + " rounds, " + items
                    + " items");
        }
        history = List.copyOf(history);
    }

    /** The last round's loss (NaN without history). */
    public double lastLoss() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).loss();
    }
}
