package dev.embeddings.vectors;

import java.util.Arrays;

/**
 * The {@code k} highest-scoring ids seen, best first; on equal scores the id offered first (the more frequent
 * word) ranks higher. Primitive arrays and insertion into a sorted prefix: cheap for the small k of queries.
 */
final class TopK {

    private final int[] ids;
    private final float[] scores;
    private int size;

    TopK(int k) {
        ids = new int[k];
        scores = new float[k];
    }

    /** Offers {@code id}; ids must be offered in increasing order for the tie rule to hold. */
    void offer(int id, float score) {
        if (size == ids.length && !(score > scores[size - 1])) {
            return;
        }
        int at = size == ids.length ? size - 1 : size++;
        while (at > 0 && score > scores[at - 1]) {
            ids[at] = ids[at - 1];
            scores[at] = scores[at - 1];
            at--;
        }
        ids[at] = id;
        scores[at] = score;
    }

    int size() {
        return size;
    }

    int id(int rank) {
        return ids[rank];
    }

    float score(int rank) {
        return scores[rank];
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.copyOf(ids, size));
    }
}
