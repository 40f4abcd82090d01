package dev.embeddings.eval;

import dev.embeddings.eval.SimilarityPairs.Pair;
import dev.embeddings.formats.WordIndex;
import dev.embeddings.vectors.VectorMath;
import dev.embeddings.vectors.WordVectors;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Correlates human similarity scores with cosine similarity, as evaluate_vectors.py does: the whole vocabulary,
 * matched case-insensitively (a lower-cased form maps to its most frequent spelling); pairs with an unknown word
 * are skipped and counted as missing. With {@link OovWords#COMPOSE}, an unknown word the subword model composes
 * (from the pair's lower-cased form) completes its pair for the second, composed correlation.
 */
public final class SimilarityEvaluator {

    /** evaluate_vectors.py reports no correlation below this many pairs. */
    private static final int MIN_PAIRS = 3;

    private SimilarityEvaluator() {
    }

    public static SimilarityResult evaluate(WordVectors vectors, SimilarityPairs set) {
        return evaluate(vectors, set, OovWords.DEFAULT);
    }

    public static SimilarityResult evaluate(WordVectors vectors, SimilarityPairs set, OovWords oov) {
        boolean compose = oov.composesFor(vectors);
        WordIndex lowerCased = new WordIndex(vectors.size());
        for (int id = 0; id < vectors.size(); id++) {
            lowerCased.putIfAbsent(EvalFiles.lower(vectors.word(id)), id);
        }
        int total = set.pairs().size();
        // In-vocabulary pairs first, then (composing) the pairs that composition completes.
        double[] human = new double[total];
        double[] cosine = new double[total];
        int inVocabulary = 0;
        for (Pair pair : set.pairs()) {
            int a = lowerCased.get(pair.word1());
            int b = lowerCased.get(pair.word2());
            if (a >= 0 && b >= 0) {
                human[inVocabulary] = pair.score();
                cosine[inVocabulary++] = vectors.similarity(a, b);
            }
        }
        SimilarityResult.Composed composed = null;
        if (compose) {
            int used = inVocabulary;
            Set<String> words = new HashSet<>();
            for (Pair pair : set.pairs()) {
                int a = lowerCased.get(pair.word1());
                int b = lowerCased.get(pair.word2());
                if ((a >= 0 || vectors.hasVector(pair.word1())) && (b >= 0 || vectors.hasVector(pair.word2()))
                        && (a < 0 || b < 0)) {
                    float[] ua = a >= 0 ? unit(vectors, a) : composedUnit(vectors, pair.word1(), words);
                    float[] ub = b >= 0 ? unit(vectors, b) : composedUnit(vectors, pair.word2(), words);
                    human[used] = pair.score();
                    cosine[used++] = VectorMath.dot(ua, 0, ub, 0, vectors.dimension());
                }
            }
            composed = new SimilarityResult.Composed(correlation(used, true, human, cosine),
                    correlation(used, false, human, cosine), used, total - used, words.size());
        }
        return new SimilarityResult(correlation(inVocabulary, true, human, cosine),
                correlation(inVocabulary, false, human, cosine), inVocabulary, total - inVocabulary, composed);
    }

    private static float[] unit(WordVectors vectors, int id) {
        float[] unit = new float[vectors.dimension()];
        vectors.unitVector(id, unit, 0);
        return unit;
    }

    private static float[] composedUnit(WordVectors vectors, String word, Set<String> composed) {
        composed.add(word);
        return vectors.unitVector(word);
    }

    /** Spearman (or Pearson) over the first {@code pairs} entries; null when undefined. */
    private static Double correlation(int pairs, boolean spearman, double[] human, double[] cosine) {
        double[] x = Arrays.copyOf(human, pairs);
        double[] y = Arrays.copyOf(cosine, pairs);
        double value = spearman ? Correlation.spearman(x, y) : Correlation.pearson(x, y);
        return pairs < MIN_PAIRS || Double.isNaN(value) ? null : value;
    }
}
