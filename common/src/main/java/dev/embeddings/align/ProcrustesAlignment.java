package dev.embeddings.align;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.vectors.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Orthogonal Procrustes alignment of a new vectors version onto the previous one. Retraining rotates the whole
 * space arbitrarily, so comparing versions word by word (or mixing them in a consumer) needs the orthogonal W that
 * best maps the new vectors onto the old over the shared vocabulary: minimise |A W - B| over orthogonal W, where
 * rows of A and B are the new and previous unit vectors of the shared words. The solution is W = U V^T from the
 * SVD A^T B = U S V^T (commons-math's). Unit rows make every shared word count equally, whatever its norm. An
 * orthogonal W keeps all cosine similarities within a version, so aligned vectors answer every query as before.
 *
 * <p>After alignment, each shared word's drift is its cosine distance to its previous vector: words whose meaning
 * (usage) changed between the corpora stand out as the top movers. The drift before alignment (the same distance
 * without W) is kept beside it: the gap between the two is what aligning bought.
 */
public final class ProcrustesAlignment {

    private final int dimension;
    /** W, row-major d x d: an aligned row is the row times W. */
    private final double[] rotation;
    private final String[] sharedWords;
    private final double[] drift;
    private final double[] unalignedDrift;

    private ProcrustesAlignment(int dimension, double[] rotation, String[] sharedWords, double[] drift,
            double[] unalignedDrift) {
        this.dimension = dimension;
        this.rotation = rotation;
        this.sharedWords = sharedWords;
        this.drift = drift;
        this.unalignedDrift = unalignedDrift;
    }

    /** Fits the alignment of {@code current} onto {@code previous} over the words both contain. */
    public static ProcrustesAlignment fit(WordVectors current, WordVectors previous) {
        int d = current.dimension();
        if (previous.dimension() != d) {
            throw new IllegalArgumentException("cannot align " + d + "-dimensional vectors onto "
                    + previous.dimension() + "-dimensional ones");
        }
        int[] currentIds = new int[current.size()];
        int[] previousIds = new int[current.size()];
        int shared = 0;
        for (int id = 0; id < current.size(); id++) {
            int old = previous.id(current.word(id));
            if (old >= 0) {
                currentIds[shared] = id;
                previousIds[shared++] = old;
            }
        }
        if (shared == 0) {
            throw new IllegalArgumentException("the two versions share no word; nothing to align on");
        }
        float[] a = new float[d];
        float[] b = new float[d];
        double[][] cross = new double[d][d];
        for (int k = 0; k < shared; k++) {
            current.unitVector(currentIds[k], a, 0);
            previous.unitVector(previousIds[k], b, 0);
            for (int i = 0; i < d; i++) {
                double ai = a[i];
                double[] row = cross[i];
                for (int j = 0; j < d; j++) {
                    row[j] += ai * b[j];
                }
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(cross, false));
        double[] w = new double[d * d];
        double[][] uvt = svd.getU().multiply(svd.getVT()).getData();
        for (int i = 0; i < d; i++) {
            System.arraycopy(uvt[i], 0, w, i * d, d);
        }

        String[] words = new String[shared];
        double[] drift = new double[shared];
        double[] unalignedDrift = new double[shared];
        double[] rotated = new double[d];
        for (int k = 0; k < shared; k++) {
            current.unitVector(currentIds[k], a, 0);
            previous.unitVector(previousIds[k], b, 0);
            multiply(a, 0, w, d, rotated);
            double cos = 0;
            double unalignedCos = 0;
            for (int j = 0; j < d; j++) {
                cos += rotated[j] * b[j];
                unalignedCos += a[j] * b[j];
            }
            words[k] = current.word(currentIds[k]);
            drift[k] = 1 - cos;
            unalignedDrift[k] = 1 - unalignedCos;
        }
        return new ProcrustesAlignment(d, w, words, drift, unalignedDrift);
    }

    /** {@code out} = the {@code d} floats of {@code rows} from {@code offset}, times W. */
    private static void multiply(float[] rows, int offset, double[] w, int d, double[] out) {
        Arrays.fill(out, 0);
        for (int i = 0; i < d; i++) {
            double x = rows[offset + i];
            int r = i * d;
            for (int j = 0; j < d; j++) {
                out[j] += x * w[r + j];
            }
        }
    }

    /** The new vectors (all words, shared or not) mapped into the previous version's space. */
    public WordVectors apply(WordVectors current) {
        if (current.dimension() != dimension) {
            throw new IllegalArgumentException("the alignment is " + dimension + "-dimensional, the vectors "
                    + current.dimension() + "-dimensional");
        }
        FloatMatrix rows = current.vectors();
        rotate(rows);
        return WordVectors.view(current.words(), rows);
    }

    /**
     * Rows ({@code dimension()} floats each; any words, shared or not) mapped into the previous version's space, as
     * a new matrix with the same segmenting. Being linear, this also maps a sum of vectors (GloVe's W + W~) as the
     * sum of its parts.
     */
    public FloatMatrix apply(FloatMatrix rows) {
        if (rows.width() != dimension) {
            throw new IllegalArgumentException("rows of " + rows.width() + " floats are not rows of " + dimension);
        }
        FloatMatrix aligned = rows.copy();
        rotate(aligned);
        return aligned;
    }

    /** {@link #apply(FloatMatrix)} for rows in one row-major array, as a new array. */
    public float[] apply(float[] rows) {
        float[] aligned = rows.clone();
        rotate(FloatMatrix.wrap(aligned, dimension));
        return aligned;
    }

    /** Replaces every row of {@code rows} by the row times W. */
    private void rotate(FloatMatrix rows) {
        int d = dimension;
        double[] out = new double[d];
        for (int row = 0; row < rows.rows(); row++) {
            float[] values = rows.segment(row);
            int offset = rows.offset(row);
            multiply(values, offset, rotation, d, out);
            for (int j = 0; j < d; j++) {
                values[offset + j] = (float) out[j];
            }
        }
    }

    public int dimension() {
        return dimension;
    }

    /** W (row-major d x d, a copy): an aligned row is the row times W. */
    public double[] rotation() {
        return rotation.clone();
    }

    public int sharedWords() {
        return sharedWords.length;
    }

    /** Drift of every shared word, in the new version's order (most frequent first). */
    public List<WordDrift> drift() {
        List<WordDrift> all = new ArrayList<>(sharedWords.length);
        for (int k = 0; k < sharedWords.length; k++) {
            all.add(new WordDrift(sharedWords[k], drift[k]));
        }
        return all;
    }

    /** Mean drift of the shared words after alignment. */
    public double meanDrift() {
        return Arrays.stream(drift).average().orElse(0);
    }

    /** Median drift of the shared words after alignment. */
    public double medianDrift() {
        return median(drift);
    }

    /** Mean drift of the shared words had the new vectors been compared (or published) without alignment. */
    public double meanUnalignedDrift() {
        return Arrays.stream(unalignedDrift).average().orElse(0);
    }

    public double medianUnalignedDrift() {
        return median(unalignedDrift);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The {@code k} shared words that moved most, largest drift first (ties: more frequent first). */
    public List<WordDrift> topMovers(int k) {
        Integer[] order = new Integer[sharedWords.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -drift[i]).thenComparingInt(i -> i));
        List<WordDrift> top = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            top.add(new WordDrift(sharedWords[order[i]], drift[order[i]]));
        }
        return top;
    }
}
