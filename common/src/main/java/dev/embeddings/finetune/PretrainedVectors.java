package dev.embeddings.finetune;

import dev.embeddings.matrix.FloatMatrix;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Word vectors in plain form (words and a {@code words.length x dim} matrix, row i being word i's), with lookup by
 * exact word and, failing that, by lower-cased word (the first, i.e. usually most frequent, word with that
 * lower-case form).
 */
public final class PretrainedVectors {

    private final String[] words;
    private final FloatMatrix matrix;
    private final Map<String, Integer> exact;
    private final Map<String, Integer> lowercased;

    /** Takes {@code words} and {@code matrix} as they are (not copied). */
    public PretrainedVectors(String[] words, FloatMatrix matrix) {
        if (words.length != matrix.rows()) {
            throw new IllegalArgumentException(words.length + " words need as many matrix rows, got "
                    + matrix.rows());
        }
        this.words = words;
        this.matrix = matrix;
        this.exact = new HashMap<>(words.length * 2);
        this.lowercased = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            exact.putIfAbsent(words[i], i);
            lowercased.putIfAbsent(words[i].toLowerCase(Locale.ROOT), i);
        }
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
