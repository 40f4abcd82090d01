package dev.embeddings.finetune;

/**
 * Precision, recall and F1 (fractions in [0, 1]) of one class or entity type, and its support (gold count).
 * A ratio with a zero denominator is 0, as in conlleval and scikit-learn's default.
 */
public record Prf(double precision, double recall, double f1, long support) {

    public static Prf of(long correct, long predicted, long gold) {
        double precision = ratio(correct, predicted);
        double recall = ratio(correct, gold);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Prf(precision, recall, f1, gold);
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
