package dev.embeddings.finetune;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Sentence classification: one label per text. */
public final class ClassificationTask implements FineTuneTask<LabeledText> {

    private static final int PREDICTION_BATCH = 256;

    private final TokenIndex index;
    private final Labels labels;

    public ClassificationTask(TokenIndex index, List<String> labels) {
        this.index = index;
        this.labels = new Labels(labels);
    }

    /**
     * Labels (sorted) from the training examples; the vocabulary as {@link TokenIndex#build} describes, from the
     * training examples and the text (never the labels) of {@code evaluation}.
     */
    public static ClassificationTask fromTraining(List<LabeledText> train, List<LabeledText> evaluation,
                                                  int minCount, PretrainedVectors vectors) {
        TreeSet<String> labels = new TreeSet<>();
        train.forEach(e -> labels.add(e.label()));
        TokenIndex index = TokenIndex.build(tokenCounts(train), tokenCounts(evaluation), minCount,
                word -> vectors != null && vectors.has(word));
        return new ClassificationTask(index, new ArrayList<>(labels));
    }

    static Map<String, Long> tokenCounts(List<LabeledText> examples) {
        return TokenIndex.count(examples.stream().map(LabeledText::tokens).toList());
    }

    @Override
    public TokenIndex index() {
        return index;
    }

    @Override
    public int length(LabeledText example) {
        return example.tokens().size();
    }

    @Override
    public List<String> labels() {
        return labels.names();
    }

    @Override
    public MultiDataSet batch(List<LabeledText> examples) {
        List<int[]> tokens = new ArrayList<>(examples.size());
        int[] classes = new int[examples.size()];
        for (int i = 0; i < classes.length; i++) {
            tokens.add(index.encode(examples.get(i).tokens()));
            classes[i] = labels.id(examples.get(i).label());
        }
        return Batches.classification(tokens, classes, labels.size());
    }

    /** The predicted class index of each token list (scored in order of length, to keep padding small). */
    public int[] predict(ComputationGraph net, List<List<String>> texts) {
        Integer[] byLength = new Integer[texts.size()];
        for (int i = 0; i < byLength.length; i++) {
            byLength[i] = i;
        }
        Arrays.sort(byLength, Comparator.comparingInt(i -> texts.get(i).size()));
        int[] predicted = new int[texts.size()];
        for (int from = 0; from < byLength.length; from += PREDICTION_BATCH) {
            int to = Math.min(byLength.length, from + PREDICTION_BATCH);
            List<int[]> tokens = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                tokens.add(index.encode(texts.get(byLength[i])));
            }
            INDArray[] features = Batches.classificationFeatures(tokens);
            INDArray probabilities = net.output(false, new INDArray[] {features[0]}, new INDArray[] {features[1]})[0];
            long[] best = probabilities.argMax(1).toLongVector();
            for (int i = 0; i < best.length; i++) {
                predicted[byLength[from + i]] = (int) best[i];
            }
        }
        return predicted;
    }

    public List<String> labelNames(int[] classes) {
        List<String> names = new ArrayList<>(classes.length);
        for (int c : classes) {
            names.add(labels.name(c));
        }
        return names;
    }

    @Override
    public ClassificationReport report(ComputationGraph net, List<LabeledText> examples) {
        int[] gold = new int[examples.size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = labels.id(examples.get(i).label());
        }
        int[] predicted = predict(net, examples.stream().map(LabeledText::tokens).toList());
        return ClassificationReport.of(gold, predicted, labels.names());
    }
}
