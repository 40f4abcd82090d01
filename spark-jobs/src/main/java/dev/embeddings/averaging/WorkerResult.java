package dev.embeddings.averaging;

import java.io.Serializable;

/**
 * One worker's round: how much data it trained on (its weight in the average), its mean loss, its time.
 *
 * @param items   words (word2vec) or co-occurrence entries (GloVe) processed
 * @param loss    mean training loss over the round
 * @param seconds wall-clock training time
 */
public record WorkerResult(long items, double loss, double seconds) implements Serializable {
}
