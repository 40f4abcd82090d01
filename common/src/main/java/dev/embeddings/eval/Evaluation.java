package dev.embeddings.eval;

import dev.embeddings.vectors.WordVectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs every analogy and similarity set against one set of vectors. */
public final class Evaluation {

    private Evaluation() {
    }

    /** Evaluates {@code vectors} on each set, keyed in the report by the set's name (its file name). */
    public static EvaluationReport run(WordVectors vectors, List<AnalogyQuestions> analogySets,
                                       List<SimilarityPairs> similaritySets, AnalogyConfig config) {
        return run(vectors, analogySets, similaritySets, config, OovWords.DEFAULT);
    }

    /**
     * As above, test words outside the vocabulary treated as {@code oov} says; {@link OovWords#COMPOSE} needs
     * vectors with a subword model ({@link IllegalArgumentException} otherwise).
     */
    public static EvaluationReport run(WordVectors vectors, List<AnalogyQuestions> analogySets,
                                       List<SimilarityPairs> similaritySets, AnalogyConfig config, OovWords oov) {
        config.validate();
        oov.composesFor(vectors);
        Map<String, AnalogyResult> analogy = new LinkedHashMap<>();
        for (AnalogyQuestions set : analogySets) {
            analogy.put(set.name(), AnalogyEvaluator.evaluate(vectors, set, config, oov));
        }
        Map<String, SimilarityResult> similarity = new LinkedHashMap<>();
        for (SimilarityPairs set : similaritySets) {
            similarity.put(set.name(), SimilarityEvaluator.evaluate(vectors, set, oov));
        }
        return new EvaluationReport(vectors.size(), vectors.dimension(), analogy, similarity);
    }
}
