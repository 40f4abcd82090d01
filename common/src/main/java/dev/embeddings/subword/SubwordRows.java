package dev.embeddings.subword;

import dev.embeddings.matrix.FloatMatrix;
import java.io.Serializable;

/**
 * The input rows of each word of a vocabulary as fastText trains and composes them: the word's own row (its id),
 * then the rows of its character n-grams ({@link CharNgrams#rows}, after the words' rows), in fastText's order.
 * {@link FastTextDictionary#END_OF_SENTENCE} has its own row only, as in fastText. Computed once per vocabulary, so
 * training looks a word's rows up instead of hashing its n-grams at every occurrence.
 *
 * <p>Stored flat (compressed sparse rows): word {@code w}'s rows are {@code rows()[start(w) .. end(w))}. Memory:
 * 4 bytes per word and 4 per row listed, {@link #bytes()}; {@link #count} tells the rows listed before building
 * them. Immutable; serializable, to ship to executors once.
 */
public final class SubwordRows implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int minn;
    private final int maxn;
    private final int buckets;
    private final int[] offsets;
    private final int[] rows;

    private SubwordRows(int minn, int maxn, int buckets, int[] offsets, int[] rows) {
        this.minn = minn;
        this.maxn = maxn;
        this.buckets = buckets;
        this.offsets = offsets;
        this.rows = rows;
    }

    /**
     * The rows of {@code words} (word i owns row i) under {@code ngrams}, which must have n-grams. Throws
     * {@link IllegalArgumentException} when the words and the buckets are more rows than an int counts, or the rows
     * listed more than an array holds.
     */
    public static SubwordRows of(String[] words, CharNgrams ngrams) {
        if (!ngrams.enabled()) {
            throw new IllegalArgumentException("subword rows need character n-grams (maxn > 0), got maxn "
                    + ngrams.maxn());
        }
        int firstBucketRow = words.length;
        if ((long) firstBucketRow + ngrams.bucket() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(words.length + " words and " + ngrams.bucket() + " buckets are more "
                    + "than " + Integer.MAX_VALUE + " input rows");
        }
        long listed = count(words, ngrams);
        if (listed > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("the " + words.length + " words have " + listed + " rows with their "
                    + "n-grams, more than one array holds: lower --maxn or raise --minn");
        }
        int[] offsets = new int[words.length + 1];
        int[] rows = new int[(int) listed];
        int at = 0;
        for (int w = 0; w < words.length; w++) {
            rows[at++] = w;
            if (hasNgrams(words[w])) {
                at += ngrams.rows(words[w], firstBucketRow, rows, at);
            }
            offsets[w + 1] = at;
        }
        return new SubwordRows(ngrams.minn(), ngrams.maxn(), ngrams.bucket(), offsets, rows);
    }

    /** How many rows {@link #of} lists for {@code words}: one per word plus its n-grams. Hashes nothing. */
    public static long count(String[] words, CharNgrams ngrams) {
        long count = words.length;
        for (String word : words) {
            if (hasNgrams(word)) {
                count += ngrams.count(word);
            }
        }
        return count;
    }

    /** Bytes of the lists of {@code words} words with {@code listed} rows ({@link #count}) in all. */
    public static long bytes(long words, long listed) {
        return 4 * (words + 1 + listed);
    }

    private static boolean hasNgrams(String word) {
        return !word.equals(FastTextDictionary.END_OF_SENTENCE);
    }

    public int minn() {
        return minn;
    }

    public int maxn() {
        return maxn;
    }

    public int buckets() {
        return buckets;
    }

    /** Number of words, which is also the first bucket row. */
    public int words() {
        return offsets.length - 1;
    }

    /** Rows of the input matrix: the words' and the buckets'. */
    public int inputRows() {
        return words() + buckets;
    }

    /** Where word {@code w}'s rows start in {@link #rows()}. */
    public int start(int w) {
        return offsets[w];
    }

    /** One past the end of word {@code w}'s rows. */
    public int end(int w) {
        return offsets[w + 1];
    }

    /**
     * The rows one token's training step updates, averaged over the tokens of a corpus in which word {@code w}
     * occurs {@code counts[w]} times: its word's row and its n-grams' rows.
     */
    public double rowsPerToken(long[] counts) {
        if (counts.length != words()) {
            throw new IllegalArgumentException(counts.length + " counts for " + words() + " words");
        }
        double tokens = 0;
        double listed = 0;
        for (int w = 0; w < counts.length; w++) {
            tokens += counts[w];
            listed += (double) counts[w] * (offsets[w + 1] - offsets[w]);
        }
        return listed / tokens;
    }

    /** All words' rows, flattened; the live array, for training loops, never to be written. */
    public int[] rows() {
        return rows;
    }

    public long bytes() {
        return bytes(words(), rows.length);
    }

    /**
     * Writes word {@code w}'s vector, the mean of its rows of {@code input}, into {@code out} (length the input's
     * width), with {@link SubwordVectors}' arithmetic ({@link SubwordVectors#mean}). Allocates nothing.
     */
    public void compose(FloatMatrix input, int w, float[] out) {
        SubwordVectors.mean(input, rows, offsets[w], offsets[w + 1], out);
    }
}
