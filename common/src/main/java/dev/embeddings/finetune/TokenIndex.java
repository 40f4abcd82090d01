package dev.embeddings.finetune;

import dev.embeddings.vocab.Vocabulary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Maps task words to embedding rows: row {@value #PADDING} pads short sentences, row {@value #UNKNOWN} stands for
 * every word outside the task vocabulary, word {@code i} of the vocabulary is row {@code i + 2}.
 */
public final class TokenIndex {

    public static final int PADDING = 0;
    public static final int UNKNOWN = 1;
    private static final int RESERVED = 2;

    private final Vocabulary vocabulary;

    public TokenIndex(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * The task vocabulary: training words seen at least {@code minCount} times, training words rarer than that for
     * which {@code hasVector} holds, and words of unlabelled evaluation text (dev, test) for which it holds. Words
     * with a pretrained vector thus keep it wherever they occur, as Kim (2014) builds the vocabulary over all the
     * text: otherwise a dev word missing from the small training set would lose exactly the knowledge the vectors
     * bring. Rare training words without a vector map to the unknown row, so training sees that row and learns it;
     * evaluation words without a vector do too (a random row that no training example reaches would be noise).
     */
    public static TokenIndex build(Map<String, Long> trainingCounts, Map<String, Long> evaluationCounts,
                                   int minCount, Predicate<String> hasVector) {
        Map<String, Long> kept = new HashMap<>();
        trainingCounts.forEach((word, count) -> {
            if (count >= minCount || hasVector.test(word)) {
                kept.put(word, count);
            }
        });
        evaluationCounts.forEach((word, count) -> {
            if (hasVector.test(word)) {
                kept.merge(word, count, Long::sum);
            }
        });
        return new TokenIndex(Vocabulary.fromCounts(kept, 1, 0));
    }

    /** Counts the words of the given token lists. */
    public static Map<String, Long> count(Iterable<List<String>> sentences) {
        Map<String, Long> counts = new HashMap<>();
        for (List<String> sentence : sentences) {
            for (String word : sentence) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return counts;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Number of embedding rows: the vocabulary plus the padding and unknown rows. */
    public int rows() {
        return vocabulary.size() + RESERVED;
    }

    public int row(String word) {
        int id = vocabulary.id(word);
        return id < 0 ? UNKNOWN : id + RESERVED;
    }

    /** The word of embedding row {@code row} (only for word rows, i.e. {@code row >= 2}). */
    public String word(int row) {
        return vocabulary.word(row - RESERVED);
    }

    public int[] encode(List<String> words) {
        int[] rows = new int[words.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(words.get(i));
        }
        return rows;
    }
}
