package dev.embeddings.finetune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Like scikit-learn's {@code classification_report}: per-class precision/recall/F1/support, accuracy and the
 * macro-averaged F1 over the classes that occur in the gold or the predicted labels (scikit-learn's default).
 */
public record ClassificationReport(double accuracy, double macroF1, long support, Map<String, Prf> perClass)
        implements TaskReport {

    @Override
    public double headline() {
        return accuracy;
    }

    /** Scores predicted class indices against gold ones; {@code labels.get(i)} names class i. */
    public static ClassificationReport of(int[] gold, int[] predicted, List<String> labels) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException(gold.length + " gold labels but " + predicted.length + " predicted");
        }
        int k = labels.size();
        long[] truePositives = new long[k];
        long[] predictedCounts = new long[k];
        long[] goldCounts = new long[k];
        long correct = 0;
        for (int i = 0; i < gold.length; i++) {
            goldCounts[gold[i]]++;
            predictedCounts[predicted[i]]++;
            if (gold[i] == predicted[i]) {
                truePositives[gold[i]]++;
                correct++;
            }
        }
        Map<String, Prf> perClass = new LinkedHashMap<>();
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            if (goldCounts[c] + predictedCounts[c] > 0) {
                Prf prf = Prf.of(truePositives[c], predictedCounts[c], goldCounts[c]);
                perClass.put(labels.get(c), prf);
                f1Sum += prf.f1();
            }
        }
        double macroF1 = perClass.isEmpty() ? 0 : f1Sum / perClass.size();
        return new ClassificationReport(Prf.ratio(correct, gold.length), macroF1, gold.length, perClass);
    }
}
