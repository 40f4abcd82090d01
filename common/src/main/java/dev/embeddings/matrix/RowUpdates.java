package dev.embeddings.matrix;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * How a worker's local training updated its rows in a round: which rows {@link dev.embeddings.averaging.ReplicaExchange} sends (those with a
 * count above 0), and what {@link dev.embeddings.averaging.MergeRule#ADAPTIVE} merges by: per matrix,
 * the number of SGD updates each row received (null for a matrix not counted), and the contraction, the fraction of
 * its distance to a row's local optimum that one update covers (about the learning rate times the loss's
 * curvature along the update). A row updated n times has covered {@link #covered} = 1 - (1 - contraction)^n of it.
 *
 * @param counts      per matrix, updates per row (not copied; matrices whose rows move together may share one
 *                    array); counts may be slightly low when Hogwild threads race, but never 0 for an updated row
 * @param contraction in (0, 1), or NaN when the counts only say which rows changed (no adaptive merge)
 */
public record RowUpdates(int[][] counts, double contraction) {

    public RowUpdates {
        if (!Double.isNaN(contraction) && !(contraction > 0 && contraction < 1)) {
            throw new IllegalArgumentException("contraction must be in (0, 1) or NaN, got " + contraction);
        }
    }

    /** The update counts of matrix {@code m}'s rows, or null when they were not counted. */
    public int[] of(int m) {
        return m < counts.length ? counts[m] : null;
    }

    /**
     * Adds the counts of {@code other} (another worker training the same replica) into these, array by array. An
     * array both share, or one of {@code other}'s already added (matrices whose rows move together share one), is
     * added once at most, so no update is counted twice.
     */
    public void add(RowUpdates other) {
        Set<int[]> added = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int m = 0; m < counts.length; m++) {
            int[] from = other.of(m);
            int[] into = counts[m];
            if (from == null || into == null || from == into || !added.add(from)) {
                continue;
            }
            if (from.length != into.length) {
                throw new IllegalArgumentException("matrix " + m + ": counts of " + from.length + " rows added to "
                        + into.length);
            }
            for (int row = 0; row < into.length; row++) {
                into[row] += from[row];
            }
        }
    }

    /** The fraction of its distance to the optimum a row covers in {@code updates} updates of this contraction. */
    public static double covered(double updates, double contraction) {
        return -Math.expm1(updates * Math.log1p(-contraction));
    }
}
