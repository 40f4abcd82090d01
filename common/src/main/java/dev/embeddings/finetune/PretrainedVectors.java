package dev.embeddings.finetune;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Word vectors in plain form (words and a row-major {@code words.length x dim} matrix), with lookup by exact word
 * and, failing that, by lower-cased word (the first, i.e. usually most frequent, word with that lower-case form).
 */
public final class PretrainedVectors {

    private final String[] words;
    private final float[] matrix;
    private final int dim;
    private final Map<String, Integer> exact;
    private final Map<String, Integer> lowercased;

    public PretrainedVectors(String[] words, float[] matrix, int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("vector dimension must be at least 1, got " + dim);
        }
        if ((long) words.length * dim != matrix.length) {
            throw new IllegalArgumentException(words.length + " words x dimension " + dim + " needs "
                    + (long) words.length * dim + " matrix entries, got " + matrix.length);
        }
        this.words = words;
        this.matrix = matrix;
        this.dim = dim;
        this.exact = new HashMap<>(words.length * 2);
        this.lowercased = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            exact.putIfAbsent(words[i], i);
            lowercased.putIfAbsent(words[i].toLowerCase(Locale.ROOT), i);
        }
    }

    public int dim() {
        return dim;
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

    /** Copies row {@code row} into {@code dest} at {@code offset}. */
    public void copyRow(int row, float[] dest, int offset) {
        System.arraycopy(matrix, row * dim, dest, offset, dim);
    }

    /** Standard deviation of all matrix entries: the scale used to initialise words without a vector. */
    public double entryStd() {
        double sum = 0;
        double sumSquares = 0;
        for (float v : matrix) {
            sum += v;
            sumSquares += (double) v * v;
        }
        double mean = sum / matrix.length;
        return Math.sqrt(Math.max(0, sumSquares / matrix.length - mean * mean));
    }
}
