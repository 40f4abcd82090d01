package dev.embeddings.eval;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/** Rank and linear correlation of paired samples, by commons-math. */
public final class Correlation {

    /** Ties share their average rank (as scipy's spearmanr); a NaN stays NaN, so the correlation is undefined. */
    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FIXED, TiesStrategy.AVERAGE);

    private Correlation() {
    }

    /** Pearson's r; NaN when fewer than two values or either sample is constant. */
    public static double pearson(double[] x, double[] y) {
        return pairs(x, y) < 2 ? Double.NaN : new PearsonsCorrelation().correlation(x, y);
    }

    /** Spearman's rho: Pearson's r of the ranks, tied values sharing their average rank; NaN when any value is. */
    public static double spearman(double[] x, double[] y) {
        return pairs(x, y) < 2 ? Double.NaN : new SpearmansCorrelation(RANKING).correlation(x, y);
    }

    /** The number of pairs (commons-math refuses fewer than two, which have no correlation here). */
    private static int pairs(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
        return x.length;
    }
}
