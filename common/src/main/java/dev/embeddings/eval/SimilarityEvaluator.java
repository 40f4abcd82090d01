package dev.embeddings.eval;

import dev.embeddings.eval.SimilarityPairs.Pair;
import dev.embeddings.formats.WordIndex;
import dev.embeddings.vectors.WordVectors;
import java.util.Arrays;

/**
 * Correlates human similarity scores with cosine similarity, as evaluate_vectors.py does: the whole vocabulary,
 * matched case-insensitively (a lower-cased form maps to its most frequent spelling); pairs with an unknown word
 * are skipped and counted as missing.
 */
public final class SimilarityEvaluator {

    /** evaluate_vectors.py reports no correlation below this many pairs. */
    private static final int MIN_PAIRS = 3;

    private SimilarityEvaluator() {
    }

    public static SimilarityResult evaluate(WordVectors vectors, SimilarityPairs set) {
        WordIndex lowerCased = new WordIndex(vectors.size());
        for (int id = 0; id < vectors.size(); id++) {
            lowerCased.putIfAbsent(EvalFiles.lower(vectors.word(id)), id);
        }
        double[] human = new double[set.pairs().size()];
        double[] cosine = new double[set.pairs().size()];
        int used = 0;
        for (Pair pair : set.pairs()) {
            int a = lowerCased.get(pair.word1());
            int b = lowerCased.get(pair.word2());
            if (a >= 0 && b >= 0) {
                human[used] = pair.score();
                cosine[used++] = vectors.similarity(a, b);
            }
        }
        human = Arrays.copyOf(human, used);
        cosine = Arrays.copyOf(cosine, used);
        return new SimilarityResult(defined(used, Correlation.spearman(human, cosine)),
                defined(used, Correlation.pearson(human, cosine)), used, set.pairs().size() - used);
    }

    private static Double defined(int pairs, double correlation) {
        return pairs < MIN_PAIRS || Double.isNaN(correlation) ? null : correlation;
    }
}
