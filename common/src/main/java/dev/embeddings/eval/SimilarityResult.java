package dev.embeddings.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Correlation between human scores and cosine similarity on one word-pair set.
 *
 * @param spearman rank correlation (ties share their average rank); null when undefined (fewer than 3 pairs
 *                 or constant scores)
 * @param pearson  linear correlation; null when undefined
 * @param pairs    pairs with both words in the vocabulary
 * @param missing  pairs skipped because a word is not in the vocabulary
 * @param composed the correlations with out-of-vocabulary words composed ({@link OovWords#COMPOSE}); null (and
 *                 absent from the JSON) otherwise
 */
@JsonPropertyOrder({"spearman", "pearson", "pairs", "missing", "composed"})
public record SimilarityResult(Double spearman, Double pearson, int pairs, int missing,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Composed composed) {

    /**
     * The correlations over the pairs whose words all have a vector, composed ones included.
     *
     * @param pairs   pairs scored, the in-vocabulary ones included
     * @param missing pairs still left out: a word neither in the vocabulary nor composable
     * @param words   distinct words composed
     */
    @JsonPropertyOrder({"spearman", "pearson", "pairs", "missing", "words"})
    public record Composed(Double spearman, Double pearson, int pairs, int missing, int words) {
    }
}
