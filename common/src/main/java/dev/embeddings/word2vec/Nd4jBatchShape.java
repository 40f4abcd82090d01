package dev.embeddings.word2vec;

/**
 * How the ND4J backend cuts examples into minibatches: {@code groups} groups of {@code groupSize} examples per
 * minibatch, each group sharing its own negatives. One minibatch is one set of ND4J operations, so its size sets how
 * many windows each operation covers; the group size bounds how many examples push on one shared negative row in
 * one step (groups of a few hundred train like word2vec.c; one group of a thousand diverged on CBOW).
 */
record Nd4jBatchShape(int groupSize, int groups) {

    /** Skip-gram: 16 groups of 256, 4,096 examples (about 700 words before subsampling) per set of operations. */
    static final Nd4jBatchShape SKIPGRAM = new Nd4jBatchShape(256, 16);

    /**
     * CBOW: 4 groups of 256, 1,024 examples (1,024 words). A CBOW minibatch sums the undivided gradients of every
     * window a frequent context word is in; at 4,096 examples that diverged on the planted corpus (infinite loss).
     */
    static final Nd4jBatchShape CBOW = new Nd4jBatchShape(256, 4);

    /** word2vec.c's updates: one example per minibatch with its own negatives. */
    static final Nd4jBatchShape ONE_EXAMPLE = new Nd4jBatchShape(1, 1);

    Nd4jBatchShape {
        if (groupSize < 1 || groups < 1) {
            throw new IllegalArgumentException("groupSize and groups must be positive, got " + groupSize + " and "
                    + groups);
        }
    }

    static Nd4jBatchShape defaultFor(Word2VecConfig.Architecture architecture) {
        return architecture == Word2VecConfig.Architecture.CBOW ? CBOW : SKIPGRAM;
    }

    int examples() {
        return groupSize * groups;
    }
}
