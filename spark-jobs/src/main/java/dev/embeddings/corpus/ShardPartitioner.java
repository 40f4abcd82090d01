package dev.embeddings.corpus;

import org.apache.spark.Partitioner;

/** Sends a sentence, keyed by {@link SentenceOrder#key}, to the shard its order gives it. */
final class ShardPartitioner extends Partitioner {

    private final SentenceOrder order;
    private final int shards;

    ShardPartitioner(SentenceOrder order, int shards) {
        this.order = order;
        this.shards = shards;
    }

    @Override
    public int numPartitions() {
        return shards;
    }

    @Override
    public int getPartition(Object key) {
        return order.shard((Long) key, shards);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardPartitioner p && p.order == order && p.shards == shards;
    }

    @Override
    public int hashCode() {
        return 31 * order.hashCode() + shards;
    }
}
