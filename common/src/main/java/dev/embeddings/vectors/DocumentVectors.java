package dev.embeddings.vectors;

import dev.embeddings.formats.WordIndex;
import java.util.Locale;

/**
 * Document vectors from word vectors: the mean of the vectors of a document's known tokens, plain or weighted by
 * each word's inverse document frequency (IDF). Unknown tokens are skipped; a document without known tokens (or
 * whose known words all weigh 0) gets the zero vector, as Spark MLlib's {@code Word2VecModel} gives. Immutable and
 * serializable, so a Spark job broadcasts one instance to its tasks.
 */
public final class DocumentVectors implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** How a document's word vectors are combined. */
    public enum Pooling {
        /** Every known token counts once. */
        MEAN,
        /** Each known token counts by its word's IDF: words in every document count nothing. */
        IDF;

        /** The lower-case name, as parameters spell it. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Pooling of(String id) {
            for (Pooling p : values()) {
                if (p.id().equals(id)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("pooling must be mean or idf, got '" + id + "'");
        }
    }

    private final String[] words;
    private final float[] vectors;
    private final int dimension;
    private final float[] idf;
    /** Built on construction and again after deserialization. */
    private transient volatile WordIndex index;

    /**
     * @param words     distinct words, row i of {@code vectors} being word i's
     * @param vectors   the rows, row-major
     * @param dimension values per row
     * @param idf       the IDF of word i, or null when only {@link Pooling#MEAN} is needed
     */
    public DocumentVectors(String[] words, float[] vectors, int dimension, float[] idf) {
        if (dimension < 1 || (long) words.length * dimension != vectors.length) {
            throw new IllegalArgumentException(words.length + " words of dimension " + dimension + " need "
                    + (long) words.length * dimension + " values, got " + vectors.length);
        }
        if (idf != null && idf.length != words.length) {
            throw new IllegalArgumentException(words.length + " words need as many IDF weights, got " + idf.length);
        }
        this.words = words;
        this.vectors = vectors;
        this.dimension = dimension;
        this.idf = idf;
        this.index = index();
    }

    /**
     * The IDF of a word found in {@code documentFrequency} of {@code documents} documents, smoothed as Spark MLlib's
     * {@code IDF}: log((documents + 1) / (documentFrequency + 1)).
     */
    public static float idf(long documents, long documentFrequency) {
        if (documentFrequency < 0 || documentFrequency > documents) {
            throw new IllegalArgumentException("document frequency must be in [0, " + documents + "], got "
                    + documentFrequency);
        }
        return (float) Math.log((documents + 1.0) / (documentFrequency + 1.0));
    }

    public int dimension() {
        return dimension;
    }

    public boolean hasIdf() {
        return idf != null;
    }

    /** The vector of a document of {@code tokens}, pooled as {@code pooling} says. */
    public double[] pool(Iterable<String> tokens, Pooling pooling) {
        if (pooling == Pooling.IDF && idf == null) {
            throw new IllegalStateException("pooling idf needs the words' IDF weights, which these vectors lack");
        }
        WordIndex words = index();
        double[] sum = new double[dimension];
        double weights = 0;
        for (String token : tokens) {
            int id = token == null ? -1 : words.get(token);
            if (id < 0) {
                continue;
            }
            double weight = pooling == Pooling.IDF ? idf[id] : 1;
            int offset = id * dimension;
            for (int j = 0; j < dimension; j++) {
                sum[j] += weight * vectors[offset + j];
            }
            weights += weight;
        }
        if (weights > 0) {
            for (int j = 0; j < dimension; j++) {
                sum[j] /= weights;
            }
        }
        return sum;
    }

    private WordIndex index() {
        WordIndex built = index;
        if (built == null) {
            built = new WordIndex(words.length);
            for (int i = 0; i < words.length; i++) {
                if (built.putIfAbsent(words[i], i) >= 0) {
                    throw new IllegalArgumentException("duplicate word '" + words[i] + "'");
                }
            }
            index = built;
        }
        return built;
    }
}
