package dev.embeddings.word2vec;

/**
 * What one ND4J training round cost in operations and transfers, the figures that decide GPU efficiency.
 *
 * @param words       words read in the round
 * @param ops         ND4J operations executed in the round, counted by ND4J's profiler; -1 when not counted
 * @param modelBytes  bytes of the model, copied to the device at the round's start
 * @param idBytes     bytes of word ids (minibatch indices) copied to the device during the round
 * @param bytesToHost bytes copied back to the host (the model, at the round's end)
 */
record Nd4jRoundStats(long words, long ops, long modelBytes, long idBytes, long bytesToHost) {

    /** Operations per 1,000 words read; NaN when not counted. */
    double opsPer1000Words() {
        return ops < 0 || words == 0 ? Double.NaN : 1000.0 * ops / words;
    }

    @Override
    public String toString() {
        return String.format("nd4j round: %d words, %s ops (%.1f per 1000 words), to device %d B of model + %d B of"
                        + " word ids (%.1f per word), to host %d B", words, ops < 0 ? "uncounted" : Long.toString(ops),
                opsPer1000Words(), modelBytes, idBytes, words == 0 ? 0.0 : idBytes / (double) words, bytesToHost);
    }
}
