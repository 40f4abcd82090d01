package dev.embeddings.eval;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Correlation between human scores and cosine similarity on one word-pair set.
 *
 * @param spearman rank correlation (ties share their average rank); null when undefined (fewer than 3 pairs
 *                 or constant scores)
 * @param pearson  linear correlation; null when undefined
 * @param pairs    pairs with both words in the vocabulary
 * @param missing  pairs skipped because a word is not in the vocabulary
 */
@JsonPropertyOrder({"spearman", "pearson", "pairs", "missing"})
public record SimilarityResult(Double spearman, Double pearson, int pairs, int missing) {
}
