package dev.embeddings.finetune;

import java.util.Collection;

/**
 * One row of a classification report: precision, recall and F1 (fractions in [0, 1]) of one class or entity type,
 * or their average over several, and the support (gold count). A ratio with a zero denominator is 0, as in
 * conlleval and scikit-learn's default.
 */
public record Prf(double precision, double recall, double f1, long support) {

    public static Prf of(long correct, long predicted, long gold) {
        double precision = ratio(correct, predicted);
        double recall = ratio(correct, gold);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Prf(precision, recall, f1, gold);
    }

    /** scikit-learn's macro avg: each figure's plain mean over the rows (F1 the mean of F1s); support the total. */
    public static Prf macro(Collection<Prf> rows) {
        return average(rows, false);
    }

    /** scikit-learn's weighted avg: each figure's mean weighted by the rows' support; support the total. */
    public static Prf weighted(Collection<Prf> rows) {
        return average(rows, true);
    }

    private static Prf average(Collection<Prf> rows, boolean bySupport) {
        double p = 0;
        double r = 0;
        double f = 0;
        double weights = 0;
        long support = 0;
        for (Prf row : rows) {
            double w = bySupport ? row.support : 1;
            p += w * row.precision;
            r += w * row.recall;
            f += w * row.f1;
            weights += w;
            support += row.support;
        }
        return weights == 0 ? new Prf(0, 0, 0, support) : new Prf(p / weights, r / weights, f / weights, support);
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
