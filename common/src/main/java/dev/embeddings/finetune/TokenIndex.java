package dev.embeddings.finetune;

import dev.embeddings.vocab.Vocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Maps task words to embedding rows: row {@value #PADDING} pads short sentences, row {@value #UNKNOWN} stands for
 * every word outside the task vocabulary, word {@code i} of the vocabulary is row {@code i + 2}. At prediction time
 * words met there may be given rows after those ({@link #withWords}).
 */
public final class TokenIndex {

    public static final int PADDING = 0;
    public static final int UNKNOWN = 1;
    private static final int RESERVED = 2;

    private final Vocabulary vocabulary;
    /** Words after the vocabulary's, in row order (none for a training index). */
    private final List<String> added;
    private final Map<String, Integer> addedRows;

    public TokenIndex(Vocabulary vocabulary) {
        this(vocabulary, List.of());
    }

    private TokenIndex(Vocabulary vocabulary, List<String> added) {
        this.vocabulary = vocabulary;
        this.added = added;
        this.addedRows = new HashMap<>(added.size() * 2);
        for (int i = 0; i < added.size(); i++) {
            if (vocabulary.id(added.get(i)) >= 0 || addedRows.put(added.get(i), vocabulary.size() + RESERVED + i)
                    != null) {
                throw new IllegalArgumentException("'" + added.get(i) + "' has a row already");
            }
        }
    }

    /**
     * This index with {@code words} (none of them indexed yet) given the rows after its last, in order: the rows a
     * network's embedding table grows by for words met only at prediction time. The vocabulary stays the same.
     */
    public TokenIndex withWords(List<String> words) {
        List<String> all = new ArrayList<>(added);
        all.addAll(words);
        return new TokenIndex(vocabulary, List.copyOf(all));
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

    /** Number of embedding rows: the vocabulary (and any words added) plus the padding and unknown rows. */
    public int rows() {
        return vocabulary.size() + RESERVED + added.size();
    }

    public int row(String word) {
        int id = vocabulary.id(word);
        if (id >= 0) {
            return id + RESERVED;
        }
        return addedRows.getOrDefault(word, UNKNOWN);
    }

    /** The word of embedding row {@code row} (only for word rows, i.e. {@code row >= 2}). */
    public String word(int row) {
        int id = row - RESERVED;
        return id < vocabulary.size() ? vocabulary.word(id) : added.get(id - vocabulary.size());
    }

    public int[] encode(List<String> words) {
        int[] rows = new int[words.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(words.get(i));
        }
        return rows;
    }
}
