package dev.embeddings.averaging;

/**
 * What synchronising the replicas cost a run, as its manifest records it.
 *
 * @param replicas        the replicas trained (one per executor or per worker)
 * @param trainingSeconds the workers' mean time in training
 * @param syncSeconds     the workers' mean time synchronising (writing, waiting for the others, merging, reading)
 */
public record Synchronisation(int replicas, double trainingSeconds, double syncSeconds, long bytesWrittenPerRound,
                              long bytesReadPerRound, long bytesThroughDriver) {
}
