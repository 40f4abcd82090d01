package dev.embeddings.averaging;

/**
 * One worker's round: how much data it trained on (its weight in the merge) and its mean loss.
 *
 * @param items words (word2vec) or co-occurrence entries (GloVe) processed
 * @param loss  mean training loss over the round
 */
public record WorkerResult(long items, double loss) {
}
