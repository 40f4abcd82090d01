package dev.embeddings.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopWordsTest {

    @Test
    void keepsTheFirstWordsInVocabularyOrderTiesByWord() {
        Map<String, Long> counts = Map.of("b", 5L, "a", 5L, "c", 9L, "d", 1L, "e", 5L);
        List<Map.Entry<String, Long>> top = TopWords.first(counts.entrySet().iterator(), 3);
        assertEquals(List.of(Map.entry("c", 9L), Map.entry("a", 5L), Map.entry("b", 5L)), top);
    }

    @Test
    void partitionsTopsMergedGiveTheVocabularyOfTheWholeCount() {
        SplittableRandom random = new SplittableRandom(3);
        Map<String, Long> whole = new HashMap<>();
        List<Map<String, Long>> partitions = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        for (int i = 0; i < 5_000; i++) {
            long count = 1 + random.nextInt(40);
            whole.put("w" + i, count);
            partitions.get(Math.floorMod(("w" + i).hashCode(), 3)).put("w" + i, count);
        }
        Map<String, Long> candidates = new HashMap<>();
        for (Map<String, Long> p : partitions) {
            TopWords.first(p.entrySet().iterator(), 100).forEach(e -> candidates.put(e.getKey(), e.getValue()));
        }
        assertEquals(300, candidates.size(), "each partition sends only its 100 candidates");
        Vocabulary expected = Vocabulary.fromCounts(whole, 1, 100);
        Vocabulary merged = Vocabulary.fromCounts(candidates, 1, 100);
        assertEquals(List.of(expected.words()), List.of(merged.words()));
    }
}
