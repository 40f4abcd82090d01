package dev.embeddings.finetune;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.subword.SubwordVectors;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Word vectors in plain form (words and a {@code words.length x dim} matrix, row i being word i's), with lookup by
 * exact word and, failing that, by lower-cased word (the first, i.e. usually most frequent, word with that
 * lower-case form). With a subword model, a word found neither way gets the vector the model composes for it
 * from its character n-grams (fastText's vector for an unseen word, of the word as written).
 */
public final class PretrainedVectors {

    private final String[] words;
    private final FloatMatrix matrix;
    private final Map<String, Integer> exact;
    private final Map<String, Integer> lowercased;
    /** Composes vectors for words outside {@link #words}, or null. */
    private final SubwordVectors subwords;

    /** Takes {@code words} and {@code matrix} as they are (not copied). */
    public PretrainedVectors(String[] words, FloatMatrix matrix) {
        this(words, matrix, null);
    }

    /**
     * As above, with {@code subwords} (null for none) composing vectors for the other words; throws
     * {@link IllegalArgumentException} when its dimension differs from the matrix's.
     */
    public PretrainedVectors(String[] words, FloatMatrix matrix, SubwordVectors subwords) {
        if (words.length != matrix.rows()) {
            throw new IllegalArgumentException(words.length + " words need as many matrix rows, got "
                    + matrix.rows());
        }
        if (subwords != null && subwords.dimension() != matrix.width()) {
            throw new IllegalArgumentException("the subword model has dimension " + subwords.dimension()
                    + ", the vectors " + matrix.width());
        }
        this.words = words;
        this.matrix = matrix;
        this.subwords = subwords;
        this.exact = new HashMap<>(words.length * 2);
        this.lowercased = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            exact.putIfAbsent(words[i], i);
            lowercased.putIfAbsent(words[i].toLowerCase(Locale.ROOT), i);
        }
    }

    /**
     * The words of a fastText model with the vectors it composes for them, and the model for every other word: what
     * fine-tuning reads from a {@code .bin} given as its vectors (or from a training output's vectors and model.bin).
     */
    static PretrainedVectors of(SubwordVectors model) {
        return new PretrainedVectors(model.dictionary().words(), model.wordVectors(), model);
    }

    public int dim() {
        return matrix.width();
    }

    public int size() {
        return words.length;
    }

    /** The row of {@code word}, else of its lower-case form's first match, else -1. */
    public int find(String word) {
        Integer row = exact.get(word);
        if (row == null) {
            row = lowercased.get(word.toLowerCase(Locale.ROOT));
        }
        return row == null ? -1 : row;
    }

    /** Whether {@code word} is not found but the subword model composes a vector for it. */
    public boolean composes(String word) {
        return subwords != null && find(word) < 0 && subwords.composes(word);
    }

    /** Whether {@code word} has a vector: found ({@link #find}) or composed ({@link #composes}). */
    public boolean has(String word) {
        return find(word) >= 0 || composes(word);
    }

    /**
     * Copies the vector of {@code word} into {@code dest} at {@code offset}: its row if found, else the composed
     * one. Returns false, writing nothing, when it has neither.
     */
    public boolean copyVector(String word, float[] dest, int offset) {
        int row = find(word);
        if (row >= 0) {
            matrix.copyRow(row, dest, offset);
            return true;
        }
        if (!composes(word)) {
            return false;
        }
        float[] composed = new float[dim()];
        subwords.vector(word, composed);
        System.arraycopy(composed, 0, dest, offset, composed.length);
        return true;
    }

    /** Copies row {@code row} into {@code dest} at {@code offset}. */
    public void copyRow(int row, float[] dest, int offset) {
        matrix.copyRow(row, dest, offset);
    }

    /** Standard deviation of all matrix entries: the scale used to initialise words without a vector. */
    public double entryStd() {
        double sum = 0;
        double sumSquares = 0;
        for (int s = 0; s < matrix.segmentCount(); s++) {
            for (float v : matrix.segmentArray(s)) {
                sum += v;
                sumSquares += (double) v * v;
            }
        }
        double mean = sum / matrix.size();
        return Math.sqrt(Math.max(0, sumSquares / matrix.size() - mean * mean));
    }
}
