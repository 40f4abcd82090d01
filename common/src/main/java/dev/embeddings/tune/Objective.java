package dev.embeddings.tune;

import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.eval.EvaluationReport;
import dev.embeddings.eval.SimilarityResult;
import java.util.List;
import java.util.Locale;

/** What a trial is scored by on the dev sets; higher is better. */
public enum Objective {
    /** Mean 3CosAdd accuracy over the analogy dev sets (a fraction). */
    ANALOGY("--analogy", "--similarity"),
    /** Mean Spearman correlation over the similarity dev sets. */
    SIMILARITY("--similarity", "--analogy");

    private final String sets;
    private final String otherSets;

    Objective(String sets, String otherSets) {
        this.sets = sets;
        this.otherSets = otherSets;
    }

    /**
     * Fails with one line unless the sets given are this objective's, at least one, each a dev set: a file whose
     * name contains "test" is refused, so the test set stays unseen until the final evaluation.
     */
    public void requireDevSets(List<String> analogy, List<String> similarity) {
        List<String> own = this == ANALOGY ? analogy : similarity;
        List<String> other = this == ANALOGY ? similarity : analogy;
        String name = name().toLowerCase(Locale.ROOT);
        if (own.isEmpty()) {
            throw new IllegalArgumentException("--objective " + name + " needs at least one " + sets + " dev set");
        }
        if (!other.isEmpty()) {
            throw new IllegalArgumentException(otherSets + " " + other.get(0) + " is not scored by --objective "
                    + name + "; leave it out or score by its objective");
        }
        for (String file : own) {
            String fileName = file.substring(file.lastIndexOf('/') + 1);
            if (fileName.toLowerCase(Locale.ROOT).contains("test")) {
                throw new IllegalArgumentException(sets + " " + file + " looks like a test set (its name contains "
                        + "\"test\"); tune scores on dev sets only, so that the test set stays unseen until the "
                        + "final evaluation");
            }
        }
    }

    /** The objective of {@code report}, the vectors' evaluation on this objective's dev sets. */
    public double score(EvaluationReport report) {
        if (this == ANALOGY) {
            return report.analogy().values().stream().mapToDouble(AnalogyResult::accuracy).average().orElseThrow();
        }
        double sum = 0;
        for (var set : report.similarity().entrySet()) {
            SimilarityResult result = set.getValue();
            if (result.spearman() == null) {
                throw new IllegalStateException("similarity set " + set.getKey() + ": no pair has both words in the "
                        + "vocabulary");
            }
            sum += result.spearman();
        }
        return sum / report.similarity().size();
    }
}
