package dev.embeddings.vocab;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The {@code n} first words in {@link Vocabulary#ORDER} (count descending, then word ascending) of a stream of word
 * counts, in O(n) memory: how each partition of a distributed count keeps only its candidates for a
 * {@code --max-vocab} vocabulary, so the driver receives n words per partition, never the whole count table.
 */
public final class TopWords {

    private TopWords() {
    }

    /** The first {@code n} of {@code counts} in vocabulary order (all of them if fewer), in that order. */
    public static List<Map.Entry<String, Long>> first(Iterator<? extends Map.Entry<String, Long>> counts, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        // The heap's head is the last of the kept words: the one a better word replaces.
        PriorityQueue<Map.Entry<String, Long>> kept = new PriorityQueue<>(Vocabulary.ORDER.reversed());
        while (counts.hasNext()) {
            Map.Entry<String, Long> c = counts.next();
            if (kept.size() < n) {
                kept.add(Map.entry(c.getKey(), c.getValue()));
            } else if (Vocabulary.ORDER.compare(c, kept.peek()) < 0) {
                kept.poll();
                kept.add(Map.entry(c.getKey(), c.getValue()));
            }
        }
        List<Map.Entry<String, Long>> ordered = new ArrayList<>(kept);
        ordered.sort(Vocabulary.ORDER);
        return ordered;
    }
}
