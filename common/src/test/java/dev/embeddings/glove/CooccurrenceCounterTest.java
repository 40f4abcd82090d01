package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CooccurrenceCounterTest {

    /** Independent reference: for every ordered pair of positions in a sentence, at distance 1..window. */
    private static Map<Long, Double> directCount(List<int[]> sentences, int window, boolean symmetric) {
        Map<Long, Double> counts = new HashMap<>();
        for (int[] s : sentences) {
            for (int left = 0; left < s.length; left++) {
                for (int right = left + 1; right < s.length && right - left <= window; right++) {
                    double weight = 1.0 / (right - left);
                    counts.merge(CooccurrenceBlock.key(s[left], s[right]), weight, Double::sum);
                    if (symmetric) {
                        counts.merge(CooccurrenceBlock.key(s[right], s[left]), weight, Double::sum);
                    }
                }
            }
        }
        return counts;
    }

    private static CooccurrenceBlock count(List<int[]> sentences, int window, boolean symmetric, int capacity) {
        List<CooccurrenceBlock> blocks = new ArrayList<>();
        CooccurrenceCounter counter = new CooccurrenceCounter(window, symmetric, capacity, blocks::add);
        sentences.forEach(counter::addSentence);
        counter.flush();
        return CooccurrenceBlock.sum(blocks);
    }

    private static Map<Long, Double> asMap(CooccurrenceBlock block) {
        Map<Long, Double> map = new HashMap<>();
        for (int k = 0; k < block.size(); k++) {
            Double previous = map.put(CooccurrenceBlock.key(block.row(k), block.col(k)), (double) block.value(k));
            assertEquals(null, previous, "pair repeated in a merged block");
        }
        return map;
    }

    private static void assertSameCounts(Map<Long, Double> expected, CooccurrenceBlock actual) {
        Map<Long, Double> got = asMap(actual);
        assertEquals(expected.keySet(), got.keySet());
        for (Map.Entry<Long, Double> e : expected.entrySet()) {
            assertEquals(e.getValue(), got.get(e.getKey()), 1e-5 * e.getValue(), "pair key " + e.getKey());
        }
    }

    private static List<int[]> randomSentences(long seed, int count, int vocab) {
        Random random = new Random(seed);
        List<int[]> sentences = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int[] ids = new int[random.nextInt(25)];
            for (int p = 0; p < ids.length; p++) {
                // Skewed ids so some pairs (and repeats of a word next to itself) are frequent.
                ids[p] = (int) (vocab * Math.pow(random.nextDouble(), 3));
            }
            sentences.add(ids);
        }
        return sentences;
    }

    @Test
    void leftContextIsWeightedByInverseDistance() {
        CooccurrenceBlock block = count(List.of(new int[] {0, 1, 2}), 2, false, 100);
        Map<Long, Double> counts = asMap(block);
        assertEquals(Map.of(CooccurrenceBlock.key(0, 1), 1.0, CooccurrenceBlock.key(1, 2), 1.0,
                CooccurrenceBlock.key(0, 2), 0.5), counts);
    }

    @Test
    void symmetricCountingAddsBothOrdersAndSelfPairsTwice() {
        Map<Long, Double> counts = asMap(count(List.of(new int[] {3, 3, 5}), 1, true, 100));
        assertEquals(Map.of(CooccurrenceBlock.key(3, 3), 2.0, CooccurrenceBlock.key(3, 5), 1.0,
                CooccurrenceBlock.key(5, 3), 1.0), counts);
    }

    @Test
    void wordsExactlyAtTheWindowCountAndOneFurtherDoNot() {
        Map<Long, Double> counts = asMap(count(List.of(new int[] {7, 1, 1, 1, 8, 9}), 4, false, 100));
        assertEquals(0.25, counts.get(CooccurrenceBlock.key(7, 8)), 1e-7);
        assertEquals(null, counts.get(CooccurrenceBlock.key(7, 9)));
    }

    @Test
    void pairsNeverSpanSentences() {
        Map<Long, Double> counts = asMap(count(List.of(new int[] {1, 2}, new int[] {}, new int[] {3}, new int[] {4, 5}),
                10, true, 100));
        assertEquals(Map.of(CooccurrenceBlock.key(1, 2), 1.0, CooccurrenceBlock.key(2, 1), 1.0,
                CooccurrenceBlock.key(4, 5), 1.0, CooccurrenceBlock.key(5, 4), 1.0), counts);
    }

    @Test
    void matchesDirectCountOnRandomCorpusSymmetricAndNot() {
        List<int[]> sentences = randomSentences(11, 400, 60);
        for (boolean symmetric : new boolean[] {false, true}) {
            for (int window : new int[] {1, 3, 10}) {
                assertSameCounts(directCount(sentences, window, symmetric), count(sentences, window, symmetric, 100_000));
            }
        }
    }

    @Test
    void spillingAtSmallCapacityGivesTheSameSumsAfterMerging() {
        List<int[]> sentences = randomSentences(12, 400, 60);
        List<CooccurrenceBlock> blocks = new ArrayList<>();
        CooccurrenceCounter counter = new CooccurrenceCounter(5, true, 7, blocks::add);
        sentences.forEach(counter::addSentence);
        counter.flush();
        assertTrue(blocks.size() > 50, "expected many spills, got " + blocks.size());
        assertEquals(blocks.size(), counter.spills());
        for (CooccurrenceBlock block : blocks) {
            assertTrue(block.size() <= 7, "a spilled block exceeds the capacity: " + block.size());
        }
        Map<Long, Double> expected = directCount(sentences, 5, true);
        CooccurrenceBlock merged = CooccurrenceBlock.sum(blocks);
        assertSameCounts(expected, merged);
        double expectedTotal = expected.values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(expectedTotal, merged.total(), 1e-6 * expectedTotal);
    }

    @Test
    void mergingRejectsUnsortedBlocks() {
        CooccurrenceBlock unsorted = new CooccurrenceBlock(new int[] {2, 1}, new int[] {0, 0}, new float[] {1, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CooccurrenceBlock.sum(List.of(CooccurrenceBlock.empty(), unsorted)));
        assertTrue(e.getMessage().contains("block 1"), e.getMessage());
    }

    @Test
    void negativeIdsAreRejected() {
        CooccurrenceCounter counter = new CooccurrenceCounter(2, true, 10, block -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> counter.addSentence(new int[] {1, -3}));
        assertTrue(e.getMessage().contains("position 1"), e.getMessage());
    }

    @Test
    void mapSizeFollowsItsBudget() {
        int capacity = CooccurrenceMap.capacityForBytes(1 << 20);
        CooccurrenceMap map = new CooccurrenceMap(capacity);
        assertTrue(map.bytesHeld() <= 1 << 20, "table of " + map.bytesHeld() + " bytes exceeds 1 MiB");
        assertEquals(1 << 20, map.bytesHeld());
        assertEquals((1 << 20) / CooccurrenceMap.BYTES_PER_SLOT / 4 * 3, capacity);
        for (int k = 0; k < capacity; k++) {
            map.add(k, k + 1, 1.0);
        }
        assertTrue(map.isFull());
        map.add(0, 1, 1.0);
        assertThrows(IllegalStateException.class, () -> map.add(5, 0, 1.0));
        CooccurrenceBlock block = map.drainSorted();
        assertEquals(capacity, block.size());
        assertEquals(2.0f, block.value(0));
        assertEquals(0, map.size());
    }
}
