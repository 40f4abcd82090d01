package dev.embeddings.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Successive halving on epochs: every configuration is trained for the first rung's epochs, the best 1/eta of them
 * for the next rung's (eta times as many, the last rung capped at the full training's), and so on; the others stop
 * early. Each rung trains from scratch, so that the best configuration's score at the last rung is what a plain
 * {@code word2vec} run of it gives.
 */
public final class Halving {

    private Halving() {
    }

    /** The epochs of each rung: {@code minEpochs}, times eta each rung, up to {@code maxEpochs}, the last. */
    public static List<Integer> rungs(int minEpochs, int maxEpochs, int eta) {
        List<Integer> rungs = new ArrayList<>();
        for (long epochs = minEpochs; epochs < maxEpochs; epochs *= eta) {
            rungs.add((int) epochs);
        }
        rungs.add(maxEpochs);
        return rungs;
    }

    /** How many of {@code trials} a rung keeps for the next: 1/eta of them, at least one. */
    public static int survivors(int trials, int eta) {
        return Math.max(1, trials / eta);
    }

    /** Best objective first; failed trials last; ties by id, so that the order is reproducible. */
    public static final Comparator<Trial> BEST_FIRST = Comparator
            .comparing((Trial t) -> t.completed() ? -t.objective() : Double.POSITIVE_INFINITY)
            .thenComparingInt(Trial::id);

    /** The ids of the trials of one rung promoted to the next: the best {@link #survivors} that completed. */
    public static List<Integer> promoted(List<Trial> rung, int eta) {
        return rung.stream().filter(Trial::completed).sorted(BEST_FIRST).limit(survivors(rung.size(), eta))
                .map(Trial::id).toList();
    }
}
