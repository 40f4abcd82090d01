package dev.embeddings.word2vec;

import java.util.Arrays;

/** Cosine nearest neighbours and 3CosAdd analogies over a model's input vectors, for recovery tests. */
final class VectorQueries {

    private final int dim;
    private final int size;
    private final float[] unit;

    VectorQueries(Word2VecModel model) {
        dim = model.dim();
        size = model.vocabularySize();
        unit = model.input().segmentArray(0).clone();
        for (int w = 0; w < size; w++) {
            double norm = 0;
            for (int i = 0; i < dim; i++) {
                norm += unit[w * dim + i] * unit[w * dim + i];
            }
            float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
            for (int i = 0; i < dim; i++) {
                unit[w * dim + i] *= inv;
            }
        }
    }

    double cosine(int a, int b) {
        double s = 0;
        for (int i = 0; i < dim; i++) {
            s += unit[a * dim + i] * unit[b * dim + i];
        }
        return s;
    }

    /** The k words most cosine-similar to {@code word}, excluding itself, best first. */
    int[] nearest(int word, int k) {
        double[] query = new double[dim];
        for (int i = 0; i < dim; i++) {
            query[i] = unit[word * dim + i];
        }
        return top(query, k, word, word, word);
    }

    /** The word closest to b - a + c (unit vectors), excluding a, b and c. */
    int analogy(int a, int b, int c) {
        double[] query = new double[dim];
        for (int i = 0; i < dim; i++) {
            query[i] = unit[b * dim + i] - unit[a * dim + i] + unit[c * dim + i];
        }
        return top(query, 1, a, b, c)[0];
    }

    private int[] top(double[] query, int k, int ex1, int ex2, int ex3) {
        int[] best = new int[k];
        double[] scores = new double[k];
        Arrays.fill(best, -1);
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (int w = 0; w < size; w++) {
            if (w == ex1 || w == ex2 || w == ex3) {
                continue;
            }
            double s = 0;
            for (int i = 0; i < dim; i++) {
                s += query[i] * unit[w * dim + i];
            }
            if (s > scores[k - 1]) {
                int j = k - 1;
                while (j > 0 && scores[j - 1] < s) {
                    scores[j] = scores[j - 1];
                    best[j] = best[j - 1];
                    j--;
                }
                scores[j] = s;
                best[j] = w;
            }
        }
        return best;
    }
}
