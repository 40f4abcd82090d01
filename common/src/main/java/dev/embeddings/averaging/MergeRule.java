package dev.embeddings.averaging;

import dev.embeddings.matrix.RowUpdates;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How workers' changes to a row are combined after a round.
 * <ul>
 *   <li>{@link #AVERAGE}: the words-weighted mean of the changes of the workers that updated the row. Classic
 *       parameter averaging: N workers then advance a frequent row about as far as one worker would, so N workers
 *       each seeing 1/N of the data make about 1/N of the progress of one model seeing all of it.</li>
 *   <li>{@link #SUM}: that mean applied once per contributing worker — the sum of the changes when workers process
 *       similar amounts — which is what sequential SGD over all the workers' data would have done to first order.
 *       Sound when a round's changes are small, i.e. with enough rounds per epoch.</li>
 *   <li>{@link #ADAPTIVE}: between the two, row by row, from how often each worker updated the row
 *       ({@link RowUpdates}). If each update moves a row a fraction c of the way to its local optimum, workers that
 *       updated it n_i times from the same start covered sum_i (1 - (1-c)^n_i) of the way between them, where
 *       sequential SGD over all their data would have covered 1 - (1-c)^(sum_i n_i): the merged change is the sum of
 *       their changes scaled by that ratio. A row few updates touched (rare words) gets the sum; a row every worker
 *       drove to the same optimum (frequent words, output rows) about the mean, instead of N times the way. Without
 *       update counts, as {@link #SUM}.</li>
 * </ul>
 */
public enum MergeRule {
    AVERAGE, SUM, ADAPTIVE;

    /** Returns {@code rule} if it is one of the rules a model {@code offers}, else throws naming them. */
    public static MergeRule requireOneOf(List<MergeRule> offers, MergeRule rule) {
        if (rule == null || !offers.contains(rule)) {
            throw new IllegalArgumentException("merge must be one of " + offers.stream().map(MergeRule::lowerCase)
                    .collect(Collectors.joining(", ")) + ", got " + (rule == null ? "none" : "'" + lowerCase(rule)
                    + "'"));
        }
        return rule;
    }

    private static String lowerCase(MergeRule rule) {
        return rule.name().toLowerCase(Locale.ROOT);
    }
}
