package dev.embeddings.word2vec;

import java.util.SplittableRandom;

/**
 * word2vec.c's updates: each example is applied at once by the {@link Word2VecKernel}, with its own negatives
 * (draws equal to the target are dropped, as word2vec.c).
 */
final class ScalarExampleUpdater extends ExampleUpdater {

    private final Word2VecKernel kernel;
    private final NegativeSampler sampler;
    private final SplittableRandom random;
    private final int[] negatives;

    /**
     * @param sampler null for hierarchical softmax
     * @param random  the worker's random stream, shared so one thread's draws stay in one deterministic order
     */
    ScalarExampleUpdater(Word2VecKernel kernel, NegativeSampler sampler, int negative, SplittableRandom random) {
        this.kernel = kernel;
        this.sampler = sampler;
        this.random = random;
        this.negatives = new int[negative];
    }

    @Override
    void skipGram(int context, int target, float lr) {
        int negativeCount = drawNegatives(target);
        tally(kernel.skipGram(context, target, negatives, negativeCount, lr),
                kernel.predictions(target, negativeCount));
    }

    @Override
    void cbow(int[] contexts, int contextCount, int target, float lr) {
        int negativeCount = drawNegatives(target);
        tally(kernel.cbow(contexts, contextCount, target, negatives, negativeCount, lr),
                kernel.predictions(target, negativeCount));
    }

    @Override
    void flush() {
    }

    /** Fills {@link #negatives} with draws that differ from the target. */
    private int drawNegatives(int target) {
        if (sampler == null) {
            return 0;
        }
        int count = 0;
        for (int d = 0; d < negatives.length; d++) {
            int w = sampler.sample(random.nextLong());
            if (w != target) {
                negatives[count++] = w;
            }
        }
        return count;
    }
}
