package dev.embeddings.corpus;

import dev.embeddings.random.Seeds;

/**
 * The order the corpus job writes sentences to the shards in, which is the order training reads them in. Each
 * sentence gets a sort key from where it came from (its input split and its position in the split) and a shard
 * from its key; a shard holds its sentences sorted by key.
 */
public enum SentenceOrder {

    /**
     * A pseudo-random order, the same on every run: any stretch of a shard is a fair sample of the corpus, so
     * averaging workers and threads see alike data whatever the input's layout.
     */
    SHUFFLED,

    /**
     * The input's order (input splits in path order, lines in file order), dealt round-robin to the shards, so
     * each shard is every n-th sentence of the input in order: as word2vec.c, fastText and gensim read a file.
     */
    INPUT;

    /** Splits and positions fit the key's 24 and 40 bits for any corpus a cluster writes (2^40 ≈ 10^12). */
    private static final int POSITION_BITS = 40;

    /** The sort key of the {@code position}-th sentence of input split {@code split}. */
    public long key(int split, long position) {
        long ordinal = ((long) split << POSITION_BITS) + position;
        if (this == INPUT) {
            return ordinal;
        }
        // A bijection, so keys stay distinct, and consecutive ordinals scatter.
        return Seeds.mix(ordinal);
    }

    /** The shard, in [0, shards), of the sentence with sort key {@code key}. */
    public int shard(long key, int shards) {
        // Shuffled keys are spread by their hash (as Spark's HashPartitioner does, which earlier versions used, so
        // shuffled corpora keep their shards); input-order keys are dealt round-robin by position.
        return (int) Math.floorMod(this == INPUT ? key : Long.hashCode(key), (long) shards);
    }
}
