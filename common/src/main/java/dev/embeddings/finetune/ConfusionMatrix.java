package dev.embeddings.finetune;

import java.util.Arrays;
import java.util.List;

/**
 * Counts of (gold, predicted) label pairs as scikit-learn's {@code confusion_matrix}: row i holds the examples whose
 * gold label is {@code labels.get(i)}, column j those predicted {@code labels.get(j)}.
 */
public record ConfusionMatrix(List<String> labels, List<List<Long>> counts) {

    public ConfusionMatrix {
        int k = labels.size();
        if (counts.size() != k || counts.stream().anyMatch(row -> row.size() != k)) {
            throw new IllegalArgumentException("a confusion matrix of " + k + " labels needs as many rows and columns");
        }
        labels = List.copyOf(labels);
        counts = counts.stream().map(List::copyOf).toList();
    }

    static ConfusionMatrix of(List<String> labels, long[][] counts) {
        return new ConfusionMatrix(labels, Arrays.stream(counts).map(row -> Arrays.stream(row).boxed().toList()).toList());
    }

    public long count(int gold, int predicted) {
        return counts.get(gold).get(predicted);
    }
}
