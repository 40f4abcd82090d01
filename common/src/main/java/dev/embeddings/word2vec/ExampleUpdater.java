package dev.embeddings.word2vec;

/**
 * Applies the updates of the training examples a {@link TrainingWorker}'s window produces: at once, one example at
 * a time ({@link ScalarExampleUpdater}), or in minibatches ({@link Nd4jBatchUpdater}). One instance per thread.
 */
interface ExampleUpdater {

    /** The input row of {@code context} predicts {@code target}. */
    void skipGram(int context, int target, float lr);

    /** The mean input row of {@code contexts[0..contextCount)} predicts {@code target}. */
    void cbow(int[] contexts, int contextCount, int target, float lr);

    /** Applies updates still pending (at the end of the input). */
    void flush();

    /** Loss summed over the binary predictions applied since the last call; resets it. */
    double takeLoss();

    /** Binary predictions applied since the last call; resets the count. */
    long takePredictions();
}
