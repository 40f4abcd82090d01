package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.HashPartitioner;
import org.junit.jupiter.api.Test;

class ShardPartitionerTest {

    @Test
    void shuffledCorporaKeepTheShardsSparksHashPartitionerGaveThem() {
        for (int shards : new int[] {1, 2, 3, 16}) {
            ShardPartitioner partitioner = new ShardPartitioner(SentenceOrder.SHUFFLED, shards);
            HashPartitioner hash = new HashPartitioner(shards);
            for (int split = 0; split < 3; split++) {
                for (long position = 0; position < 5_000; position++) {
                    Long key = SentenceOrder.SHUFFLED.key(split, position);
                    assertEquals(hash.getPartition(key), partitioner.getPartition(key), "key " + key);
                }
            }
        }
    }
}
