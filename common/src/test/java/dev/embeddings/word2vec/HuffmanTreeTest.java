package dev.embeddings.word2vec;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuffmanTreeTest {

    @Test
    void codesAreAnOptimalPrefixCode() {
        long[] counts = zipfCountsWithTies(300, new Random(5));
        HuffmanTree tree = new HuffmanTree(counts);
        String[] codes = codeStrings(tree);

        double kraft = 0;
        long weightedLength = 0;
        for (int w = 0; w < codes.length; w++) {
            kraft += Math.pow(2, -codes[w].length());
            weightedLength += counts[w] * codes[w].length();
            for (int other = 0; other < codes.length; other++) {
                if (other != w) {
                    assertFalse(codes[other].startsWith(codes[w]), "code of " + w + " is a prefix of " + other);
                }
            }
        }
        assertEquals(1.0, kraft, 1e-12, "Kraft sum of a full binary tree");
        assertEquals(huffmanCost(counts), weightedLength, "expected code length of an optimal code");
    }

    @Test
    void moreFrequentWordsNeverGetLongerCodes() {
        long[] counts = zipfCountsWithTies(500, new Random(9));
        HuffmanTree tree = new HuffmanTree(counts);
        for (int a = 0; a < counts.length; a++) {
            for (int b = a + 1; b < counts.length; b++) {
                if (counts[a] > counts[b]) {
                    assertTrue(tree.codeLength(a) <= tree.codeLength(b), "word " + a + " vs " + b);
                }
            }
        }
    }

    @Test
    void pointsNameTheInnerNodeEachCodePrefixReaches() {
        long[] counts = zipfCountsWithTies(200, new Random(3));
        HuffmanTree tree = new HuffmanTree(counts);
        Map<String, Integer> nodeOfPrefix = new HashMap<>();
        Map<Integer, String> prefixOfNode = new HashMap<>();
        for (int w = 0; w < counts.length; w++) {
            StringBuilder prefix = new StringBuilder();
            assertEquals(counts.length - 2, tree.point(w, 0), "every path starts at the root, V-2");
            for (int d = 0; d < tree.codeLength(w); d++) {
                int node = tree.point(w, d);
                assertTrue(node >= 0 && node < counts.length - 1, "inner node index " + node);
                String key = prefix.toString();
                assertEquals(nodeOfPrefix.computeIfAbsent(key, k -> node), node, "prefix '" + key + "'");
                assertEquals(prefixOfNode.computeIfAbsent(node, n -> key), key, "node " + node);
                prefix.append(tree.code(w, d));
            }
        }
        assertEquals(counts.length - 1, nodeOfPrefix.size(), "a binary tree over V leaves has V-1 inner nodes");
    }

    @Test
    void fibonacciCountsGiveAPathAsDeepAsTheVocabulary() {
        // Fibonacci counts make the most unbalanced Huffman tree: depth V-1, beyond word2vec.c's cap of 40.
        int v = 60;
        long[] counts = new long[v];
        long a = 1;
        long b = 1;
        for (int i = v - 1; i >= 0; i--) {
            counts[i] = a;
            long next = a + b;
            a = b;
            b = next;
        }
        HuffmanTree tree = new HuffmanTree(counts);
        assertEquals(v - 1, tree.codeLength(v - 1));
        assertEquals(huffmanCost(counts), weightedLength(tree, counts));
    }

    @Test
    void rejectsUnsortedCountsAndTinyVocabularies() {
        IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class,
                () -> new HuffmanTree(new long[] {5, 7, 1}));
        assertTrue(unsorted.getMessage().contains("non-increasing"), unsorted.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HuffmanTree(new long[] {5}));
        assertThrows(IllegalArgumentException.class, () -> new HuffmanTree(new long[] {5, 0}));
    }

    /** Cost of a Huffman code by the textbook method: the sum of the weights of all merges. */
    private static long huffmanCost(long[] counts) {
        PriorityQueue<Long> queue = new PriorityQueue<>();
        for (long c : counts) {
            queue.add(c);
        }
        long cost = 0;
        while (queue.size() > 1) {
            long merged = queue.poll() + queue.poll();
            cost += merged;
            queue.add(merged);
        }
        return cost;
    }

    private static long weightedLength(HuffmanTree tree, long[] counts) {
        long sum = 0;
        for (int w = 0; w < counts.length; w++) {
            sum += counts[w] * tree.codeLength(w);
        }
        return sum;
    }

    private static String[] codeStrings(HuffmanTree tree) {
        String[] codes = new String[tree.size()];
        for (int w = 0; w < codes.length; w++) {
            StringBuilder code = new StringBuilder();
            for (int d = 0; d < tree.codeLength(w); d++) {
                code.append(tree.code(w, d));
            }
            codes[w] = code.toString();
        }
        return codes;
    }

    /** Zipf-like counts, descending, with runs of equal counts in the tail. */
    static long[] zipfCountsWithTies(int size, Random random) {
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
            counts[i] = Math.max(1, (long) (100_000 / Math.pow(i + 1, 1.1)) + random.nextInt(3));
        }
        Arrays.sort(counts);
        for (int i = 0, j = size - 1; i < j; i++, j--) {
            long t = counts[i];
            counts[i] = counts[j];
            counts[j] = t;
        }
        return counts;
    }
}
