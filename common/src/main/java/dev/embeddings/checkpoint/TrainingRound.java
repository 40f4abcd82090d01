package dev.embeddings.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;

/**
 * One point of a training's history, recorded after each averaging round in the checkpoints and the manifest, and
 * plotted by the run report. A round trains words (word2vec) or co-occurrence entries (GloVe): the point names its
 * count and rate by that unit, so exactly one of the pairs ({@code words}, {@code wordsPerSecond}) and
 * ({@code entries}, {@code entriesPerSecond}) is set.
 *
 * @param epoch 1-based
 * @param round 1-based within the epoch
 * @param loss  the round's loss (NaN when no item was trained; JSON holds it as "NaN")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingRound(int epoch, int round, Long words, Long entries, double loss, Double wordsPerSecond,
        Double entriesPerSecond) implements Serializable {

    /** What word2vec trains. */
    public static final String WORDS = "words";
    /** What GloVe trains. */
    public static final String ENTRIES = "entries";

    /** A point of a training whose rounds train {@code unit} ({@link #WORDS} or {@link #ENTRIES}). */
    public static TrainingRound of(String unit, int epoch, int round, long items, double loss, double itemsPerSecond) {
        return switch (unit) {
            case WORDS -> new TrainingRound(epoch, round, items, null, loss, itemsPerSecond, null);
            case ENTRIES -> new TrainingRound(epoch, round, null, items, loss, null, itemsPerSecond);
            default -> throw new IllegalArgumentException("unknown training unit: " + unit);
        };
    }
}
