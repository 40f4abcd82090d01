package dev.embeddings.averaging;

/**
 * How workers' changes to a row are combined after a round.
 * <ul>
 *   <li>{@link #AVERAGE}: the words-weighted mean of the changes of the workers that updated the row. Classic
 *       parameter averaging: N workers then advance a frequent row about as far as one worker would, so N workers
 *       each seeing 1/N of the data make about 1/N of the progress of one model seeing all of it.</li>
 *   <li>{@link #SUM}: that mean applied once per contributing worker — the sum of the changes when workers process
 *       similar amounts — which is what sequential SGD over all the workers' data would have done to first order.
 *       Sound when a round's changes are small, i.e. with enough rounds per epoch.</li>
 * </ul>
 */
public enum MergeRule {
    AVERAGE, SUM
}
