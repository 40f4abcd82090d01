package dev.embeddings.word2vec;

/**
 * Applies the updates of the training examples a {@link TrainingWorker}'s window produces: at once, one example at
 * a time ({@link ScalarExampleUpdater}), or in minibatches ({@link Nd4jBatchUpdater}); and tallies their loss.
 * One instance per thread.
 */
abstract class ExampleUpdater {

    private double loss;
    private long predictions;

    /** The input row of {@code context} (with subwords, the mean of its rows) predicts {@code target}. */
    abstract void skipGram(int context, int target, float lr);

    /** The mean input row of {@code contexts[0..contextCount)} predicts {@code target}. */
    abstract void cbow(int[] contexts, int contextCount, int target, float lr);

    /** Applies updates still pending (at the end of the input). */
    abstract void flush();

    /** Adds the summed loss of {@code count} applied binary predictions to the tally. */
    final void tally(double summedLoss, long count) {
        loss += summedLoss;
        predictions += count;
    }

    /** Loss summed over the binary predictions applied since the last call; resets it. */
    double takeLoss() {
        double taken = loss;
        loss = 0;
        return taken;
    }

    /** Binary predictions applied since the last call; resets the count. */
    final long takePredictions() {
        long taken = predictions;
        predictions = 0;
        return taken;
    }
}
