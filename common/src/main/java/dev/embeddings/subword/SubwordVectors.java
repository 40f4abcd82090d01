package dev.embeddings.subword;

import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorFormat;
import dev.embeddings.formats.VectorWriter;
import dev.embeddings.matrix.FloatMatrix;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The vector of any string as fastText's {@code FastText::getWordVector} computes it for an unsupervised model: the
 * mean of the input rows of the word (if it is in the dictionary) and of its character n-grams. A word outside the
 * dictionary is the mean of its n-grams alone; one without n-grams either (with {@code maxn == 0}, or
 * {@link FastTextDictionary#END_OF_SENTENCE}, which never has n-grams) is all zeros. The arithmetic is fastText's:
 * float sums in n-gram order, then a multiplication by the float nearest to 1 / count (not a division). Immutable
 * and thread-safe.
 */
public final class SubwordVectors {

    private final FastTextDictionary dictionary;
    private final CharNgrams ngrams;
    private final FloatMatrix input;

    /** Views {@code input} (one row per word of {@code dictionary}, then one per bucket of {@code ngrams}). */
    public SubwordVectors(FastTextDictionary dictionary, CharNgrams ngrams, FloatMatrix input) {
        if (input.rows() != (long) dictionary.size() + ngrams.bucket()) {
            throw new IllegalArgumentException("the input matrix has " + input.rows() + " rows, "
                    + dictionary.size() + " words and " + ngrams.bucket() + " buckets need "
                    + ((long) dictionary.size() + ngrams.bucket()));
        }
        this.dictionary = dictionary;
        this.ngrams = ngrams;
        this.input = input;
    }

    public int dimension() {
        return input.width();
    }

    public FastTextDictionary dictionary() {
        return dictionary;
    }

    /** Whether {@link #vector} knows anything about {@code word}: it is a word of the model or has n-grams. */
    public boolean composes(String word) {
        return dictionary.id(word) >= 0
                || !word.equals(FastTextDictionary.END_OF_SENTENCE) && ngrams.enabled() && ngrams.count(word) > 0;
    }

    /**
     * The vectors of the model's words, row i being word i's, as fastText's {@code .vec} file and gensim's
     * {@code load_facebook_vectors} have them: each the mean of its rows ({@link #vector}).
     */
    public FloatMatrix wordVectors() {
        FloatMatrix vectors = FloatMatrix.zeros(dictionary.size(), input.width());
        float[] vector = new float[input.width()];
        for (int w = 0; w < dictionary.size(); w++) {
            vector(dictionary.word(w), vector);
            vectors.setRow(w, vector, 0);
        }
        return vectors;
    }

    /**
     * Writes the model's words with their vectors ({@link #wordVectors}, what its {@code .vec} holds) to {@code out}
     * (closed afterwards) in {@code format}; {@code target} names it in errors. Returns the number of words.
     */
    public long writeWordVectors(OutputStream out, String target, VectorFormat format) throws IOException {
        String[] words = dictionary.words();
        try (VectorWriter writer = VectorFiles.openWriter(out, target, format, words.length, dimension())) {
            writer.writeAll(id -> words[id], wordVectors(), Runtime.getRuntime().availableProcessors());
            return writer.rowsWritten();
        }
    }

    /**
     * Writes the vector of {@code word} into {@code out} (length {@link #dimension()}) and returns the number of
     * rows averaged: 0 when nothing is known about it and the vector is zeros. Allocates the list of rows only.
     */
    public int vector(String word, float[] out) {
        if (out.length != input.width()) {
            throw new IllegalArgumentException("out has " + out.length + " floats, the vectors " + input.width());
        }
        int id = dictionary.id(word);
        boolean hasNgrams = !word.equals(FastTextDictionary.END_OF_SENTENCE);
        int[] rows = new int[(id >= 0 ? 1 : 0) + (hasNgrams ? ngrams.count(word) : 0)];
        if (id >= 0) {
            rows[0] = id;
        }
        if (hasNgrams) {
            ngrams.rows(word, dictionary.size(), rows, id >= 0 ? 1 : 0);
        }
        mean(input, rows, 0, rows.length, out);
        return rows.length;
    }

    /**
     * Writes the mean of {@code input}'s rows {@code rows[from, to)} into {@code out} (zeros when there are none) as
     * fastText's {@code getWordVector} computes it: float sums in row order, then one multiplication by the float
     * nearest 1 / count. Allocates nothing.
     */
    static void mean(FloatMatrix input, int[] rows, int from, int to, float[] out) {
        int width = input.width();
        Arrays.fill(out, 0, width, 0f);
        for (int i = from; i < to; i++) {
            float[] segment = input.segment(rows[i]);
            int at = input.offset(rows[i]);
            for (int k = 0; k < width; k++) {
                out[k] += segment[at + k];
            }
        }
        if (to > from) {
            float scale = (float) (1.0 / (to - from));
            for (int k = 0; k < width; k++) {
                out[k] *= scale;
            }
        }
    }
}
