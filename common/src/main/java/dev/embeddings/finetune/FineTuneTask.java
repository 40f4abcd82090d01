package dev.embeddings.finetune;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A downstream task over examples of type {@code E}: how examples become minibatches, how a network is scored on
 * held-out examples, for early stopping and for {@code report.json}.
 */
public interface FineTuneTask<E> {

    TokenIndex index();

    /** Class names (classification) or IOB2 tags (tagging), in output-unit order. */
    List<String> labels();

    /** One minibatch of labelled examples. */
    MultiDataSet batch(List<E> examples);

    /** The figures of one split (written to {@code report.json}; the headline one drives early stopping). */
    TaskReport report(ComputationGraph net, List<E> examples);

    /** One epoch's minibatches in a random order. */
    default List<MultiDataSet> batches(List<E> examples, int batchSize, Random random) {
        List<E> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, random);
        List<MultiDataSet> batches = new ArrayList<>();
        for (int from = 0; from < shuffled.size(); from += batchSize) {
            batches.add(batch(shuffled.subList(from, Math.min(shuffled.size(), from + batchSize))));
        }
        return batches;
    }
}
