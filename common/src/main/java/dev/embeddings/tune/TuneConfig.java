package dev.embeddings.tune;

import dev.embeddings.config.Validation;
import java.util.List;

/**
 * How a search runs. Defaults declared once here ({@code DEFAULT_*}); {@link #validate} names the first parameter out
 * of range.
 *
 * @param strategy   random search with successive halving, or the plain grid (every point at full epochs)
 * @param trials     configurations random search samples
 * @param parallel   trials trained at once (concurrent Spark jobs)
 * @param minEpochs  the first rung's epochs
 * @param epochs     the full training's epochs: the last rung's, and every grid point's
 * @param eta        each rung keeps 1/eta of its trials, and trains eta times as many epochs
 * @param gridPoints points per range of the grid (a choice gives all its values)
 * @param objective  what trials are scored by
 * @param seed       the sampling's seed (and every trial's training seed)
 */
public record TuneConfig(Strategy strategy, int trials, int parallel, int minEpochs, int epochs, int eta,
                         int gridPoints, Objective objective, long seed) {

    public enum Strategy { RANDOM, GRID }

    public static final Strategy DEFAULT_STRATEGY = Strategy.RANDOM;
    public static final int DEFAULT_TRIALS = 27;
    public static final int DEFAULT_PARALLEL = 2;
    public static final int DEFAULT_MIN_EPOCHS = 1;
    public static final int DEFAULT_ETA = 3;
    public static final int DEFAULT_GRID_POINTS = 3;
    public static final Objective DEFAULT_OBJECTIVE = Objective.ANALOGY;
    /** More trials than this is a typo, not a search. */
    public static final int MAX_TRIALS = 10_000;

    public TuneConfig validate() {
        Validation.range("trials", trials, 1, MAX_TRIALS);
        Validation.range("parallel", parallel, 1, 1_024);
        Validation.range("epochs", epochs, 1, 100_000);
        Validation.range("minEpochs", minEpochs, 1, epochs);
        Validation.range("eta", eta, 2, 100);
        Validation.range("gridPoints", gridPoints, 2, 100);
        if (strategy == null || objective == null) {
            throw new IllegalArgumentException("strategy and objective must be given");
        }
        return this;
    }

    /** The epochs of each rung: the halving's for random search, the full training's alone for the grid. */
    public List<Integer> rungs() {
        return strategy == Strategy.GRID ? List.of(epochs) : Halving.rungs(minEpochs, epochs, eta);
    }
}
