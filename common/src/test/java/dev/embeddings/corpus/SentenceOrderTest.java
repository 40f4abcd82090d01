package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SentenceOrderTest {

    private static final int SPLITS = 4;
    private static final int PER_SPLIT = 10_000;

    @Test
    void inputKeysSortBySplitThenPosition() {
        long previous = Long.MIN_VALUE;
        for (int split = 0; split < SPLITS; split++) {
            for (long position = 0; position < PER_SPLIT; position++) {
                long key = SentenceOrder.INPUT.key(split, position);
                assertTrue(key > previous, "split " + split + " position " + position);
                previous = key;
            }
        }
        assertTrue(SentenceOrder.INPUT.key(1, 0) > SentenceOrder.INPUT.key(0, (1L << 40) - 1),
                "a split's last possible position sorts before the next split");
    }

    @Test
    void inputOrderDealsEachSplitsSentencesRoundRobin() {
        for (int shards : new int[] {1, 2, 3, 7}) {
            for (int split = 0; split < SPLITS; split++) {
                int first = SentenceOrder.INPUT.shard(SentenceOrder.INPUT.key(split, 0), shards);
                for (long position = 1; position < 100; position++) {
                    int shard = SentenceOrder.INPUT.shard(SentenceOrder.INPUT.key(split, position), shards);
                    assertEquals((first + position) % shards, shard, shards + " shards, split " + split);
                }
            }
        }
    }

    @Test
    void shuffledKeysAreDistinctAndScatterConsecutiveSentences() {
        Set<Long> keys = new HashSet<>();
        int ascending = 0;
        for (int split = 0; split < SPLITS; split++) {
            long previous = SentenceOrder.SHUFFLED.key(split, 0);
            keys.add(previous);
            for (long position = 1; position < PER_SPLIT; position++) {
                long key = SentenceOrder.SHUFFLED.key(split, position);
                keys.add(key);
                ascending += key > previous ? 1 : 0;
                previous = key;
            }
        }
        assertEquals(SPLITS * PER_SPLIT, keys.size());
        double share = ascending / (double) (SPLITS * (PER_SPLIT - 1));
        assertTrue(Math.abs(share - 0.5) < 0.02, "consecutive sentences keep their order " + share + " of the time");
    }

    @Test
    void shuffledSentencesFillTheShardsEvenly() {
        int shards = 5;
        int[] sizes = new int[shards];
        for (int split = 0; split < SPLITS; split++) {
            for (long position = 0; position < PER_SPLIT; position++) {
                sizes[SentenceOrder.SHUFFLED.shard(SentenceOrder.SHUFFLED.key(split, position), shards)]++;
            }
        }
        // Binomial standard deviation of a shard's size: sqrt(40000 * 0.2 * 0.8) = 80; allow five.
        for (int size : sizes) {
            assertEquals(SPLITS * PER_SPLIT / shards, size, 400);
        }
    }
}
