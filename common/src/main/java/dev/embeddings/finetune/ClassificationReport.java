package dev.embeddings.finetune;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * scikit-learn's {@code classification_report} for single-label classification, with its defaults: per class
 * precision, recall, F1 and support, over the classes that occur in the gold or the predicted labels; accuracy
 * (which is the micro average, as scikit-learn prints it); the macro and the support-weighted averages; and the
 * {@code confusion_matrix} over the same classes.
 */
@JsonPropertyOrder({"per_class", "accuracy", "macro_avg", "weighted_avg", "support", "confusion_matrix"})
public record ClassificationReport(@JsonProperty("per_class") Map<String, Prf> perClass, double accuracy,
                                   @JsonProperty("macro_avg") Prf macroAvg,
                                   @JsonProperty("weighted_avg") Prf weightedAvg, long support,
                                   @JsonProperty("confusion_matrix") ConfusionMatrix confusionMatrix)
        implements TaskReport {

    @Override
    public double headline() {
        return accuracy;
    }

    /** The F1 averaged over the classes (the macro average's). */
    public double macroF1() {
        return macroAvg.f1();
    }

    @Override
    public String text() {
        return ReportText.classification(perClass, accuracy, support, macroAvg, weightedAvg);
    }

    /** Scores predicted class indices against gold ones; {@code labels.get(i)} names class i. */
    public static ClassificationReport of(int[] gold, int[] predicted, List<String> labels) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException(gold.length + " gold labels but " + predicted.length + " predicted");
        }
        long[][] counts = new long[labels.size()][labels.size()];
        for (int i = 0; i < gold.length; i++) {
            counts[gold[i]][predicted[i]]++;
        }
        return of(labels, counts);
    }

    /** Scores predicted labels against gold ones, over their labels sorted as scikit-learn sorts them. */
    public static ClassificationReport of(List<String> gold, List<String> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold labels but " + predicted.size() + " predicted");
        }
        Map<String, Map<String, Long>> pairs = new HashMap<>();
        for (int i = 0; i < gold.size(); i++) {
            pairs.computeIfAbsent(gold.get(i), g -> new HashMap<>()).merge(predicted.get(i), 1L, Long::sum);
        }
        return of(pairs);
    }

    /** From counts of gold label to predicted label to count, over the labels sorted as scikit-learn sorts them. */
    static ClassificationReport of(Map<String, Map<String, Long>> pairs) {
        TreeSet<String> sorted = new TreeSet<>(pairs.keySet());
        pairs.values().forEach(row -> sorted.addAll(row.keySet()));
        List<String> labels = List.copyOf(sorted);
        long[][] counts = new long[labels.size()][labels.size()];
        pairs.forEach((g, row) -> row.forEach((p, n) -> counts[labels.indexOf(g)][labels.indexOf(p)] += n));
        return of(labels, counts);
    }

    /** From the counts of (gold, predicted) pairs over {@code labels}; labels neither gold nor predicted are left out. */
    static ClassificationReport of(List<String> labels, long[][] counts) {
        int k = labels.size();
        long[] goldCounts = new long[k];
        long[] predictedCounts = new long[k];
        long correct = 0;
        long total = 0;
        for (int g = 0; g < k; g++) {
            for (int p = 0; p < k; p++) {
                goldCounts[g] += counts[g][p];
                predictedCounts[p] += counts[g][p];
                total += counts[g][p];
            }
            correct += counts[g][g];
        }
        List<Integer> present = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (goldCounts[c] + predictedCounts[c] > 0) {
                present.add(c);
            }
        }
        Map<String, Prf> perClass = new LinkedHashMap<>();
        long[][] shown = new long[present.size()][present.size()];
        for (int i = 0; i < present.size(); i++) {
            int c = present.get(i);
            perClass.put(labels.get(c), Prf.of(counts[c][c], predictedCounts[c], goldCounts[c]));
            for (int j = 0; j < present.size(); j++) {
                shown[i][j] = counts[c][present.get(j)];
            }
        }
        return new ClassificationReport(perClass, Prf.ratio(correct, total), Prf.macro(perClass.values()),
                Prf.weighted(perClass.values()), total, ConfusionMatrix.of(List.copyOf(perClass.keySet()), shown));
    }
}
