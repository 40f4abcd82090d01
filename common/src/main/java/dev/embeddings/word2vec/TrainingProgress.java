package dev.embeddings.word2vec;

/**
 * A snapshot of one {@link Word2VecTrainer#train} call, for logging and for the caller's bookkeeping.
 *
 * @param wordsProcessed words read so far by this call (before subsampling, as word2vec.c and fastText count)
 * @param expectedWords  words the caller expected this call to read
 * @param progress       global training progress in [0, 1] reached, interpolated in the call's interval
 * @param learningRate   learning rate at that progress
 * @param meanLoss       mean -log sigma over the binary predictions made so far (NaN before the first)
 * @param wordsPerSecond words read per second of wall-clock time since the call started
 * @param elapsedSeconds wall-clock time since the call started
 */
public record TrainingProgress(long wordsProcessed, long expectedWords, double progress, double learningRate,
                               double meanLoss, double wordsPerSecond, double elapsedSeconds) {

    /** Estimated seconds until this call has read its expected words (NaN before any word was read). */
    public double etaSeconds() {
        return wordsPerSecond > 0 ? Math.max(0, expectedWords - wordsProcessed) / wordsPerSecond : Double.NaN;
    }

    @Override
    public String toString() {
        return String.format("progress %.1f%%, words %d/%d, %.0f words/s, loss %.4f, lr %.6f, eta %.0f s",
                100 * progress, wordsProcessed, expectedWords, wordsPerSecond, meanLoss, learningRate, etaSeconds());
    }
}
