package dev.embeddings.finetune;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A downstream task over examples of type {@code E}: how examples become minibatches, how a network is scored on
 * held-out examples, for early stopping and for {@code report.json}.
 */
public interface FineTuneTask<E> {

    /** Minibatches per length bucket: enough that sorting leaves little padding, few enough to stay random. */
    int BUCKET_BATCHES = 20;

    TokenIndex index();

    /** Class names (classification) or IOB2 tags (tagging), in output-unit order. */
    List<String> labels();

    /** One minibatch of labelled examples. */
    MultiDataSet batch(List<E> examples);

    /** The figures of one split (written to {@code report.json}; the headline one drives early stopping). */
    TaskReport report(ComputationGraph net, List<E> examples);

    /** Number of tokens of an example: minibatches are padded to their longest example. */
    int length(E example);

    /**
     * One epoch's minibatches in a random order, of examples of similar length: the examples are shuffled, each
     * run of {@value #BUCKET_BATCHES} minibatches' worth is sorted by length and cut into minibatches, and the
     * full minibatches are shuffled. Padding to the longest example of a random minibatch costs sentence classifiers
     * about half their computation; bucketing keeps every minibatch random in content but nearly free of padding.
     */
    default List<MultiDataSet> batches(List<E> examples, int batchSize, Random random) {
        List<E> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, random);
        int bucket = batchSize * BUCKET_BATCHES;
        for (int from = 0; from < shuffled.size(); from += bucket) {
            shuffled.subList(from, Math.min(shuffled.size(), from + bucket)).sort(Comparator.comparingInt(this::length));
        }
        List<MultiDataSet> batches = new ArrayList<>();
        for (int from = 0; from < shuffled.size(); from += batchSize) {
            batches.add(batch(shuffled.subList(from, Math.min(shuffled.size(), from + batchSize))));
        }
        // A short last minibatch stays last: DL4J-Spark's workers merge a short minibatch into the one that follows
        // it, which fails when the two are padded to different lengths.
        Collections.shuffle(batches.subList(0, shuffled.size() / batchSize), random);
        return batches;
    }
}
