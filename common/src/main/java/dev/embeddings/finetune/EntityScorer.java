package dev.embeddings.finetune;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Accumulates conlleval's counts over sentences: a predicted chunk is correct only if a gold chunk has the same
 * boundaries and type. Chunks are found with {@link TagScheme#spans}, i.e. with conlleval's rules. Also counts
 * (gold, predicted) tag pairs for the token-level report. Not thread-safe.
 */
public final class EntityScorer {

    private final Map<String, long[]> countsByType = new TreeMap<>();
    /** Gold tag to predicted tag to count. */
    private final Map<String, Map<String, Long>> tagPairs = new HashMap<>();

    private static final int CORRECT = 0;
    private static final int PREDICTED = 1;
    private static final int GOLD = 2;

    /** Adds one sentence's gold and predicted tags (IOB2, same length). */
    public void add(List<String> gold, List<String> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold tags but " + predicted.size() + " predicted");
        }
        for (int i = 0; i < gold.size(); i++) {
            tagPairs.computeIfAbsent(gold.get(i), g -> new HashMap<>()).merge(predicted.get(i), 1L, Long::sum);
        }
        Set<EntitySpan> goldSpans = new HashSet<>(TagScheme.spans(gold));
        for (EntitySpan span : goldSpans) {
            counts(span.type())[GOLD]++;
        }
        for (EntitySpan span : TagScheme.spans(predicted)) {
            long[] counts = counts(span.type());
            counts[PREDICTED]++;
            if (goldSpans.contains(span)) {
                counts[CORRECT]++;
            }
        }
    }

    public EntityReport report() {
        Map<String, Prf> perType = new TreeMap<>();
        long correct = 0;
        long predicted = 0;
        long gold = 0;
        for (Map.Entry<String, long[]> e : countsByType.entrySet()) {
            long[] c = e.getValue();
            perType.put(e.getKey(), Prf.of(c[CORRECT], c[PREDICTED], c[GOLD]));
            correct += c[CORRECT];
            predicted += c[PREDICTED];
            gold += c[GOLD];
        }
        Prf overall = Prf.of(correct, predicted, gold);
        return new EntityReport(overall.precision(), overall.recall(), overall.f1(), gold, predicted, correct, perType,
                Prf.macro(perType.values()), Prf.weighted(perType.values()), ClassificationReport.of(tagPairs));
    }

    private long[] counts(String type) {
        return countsByType.computeIfAbsent(type, t -> new long[3]);
    }
}
