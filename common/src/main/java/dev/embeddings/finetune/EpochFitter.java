package dev.embeddings.finetune;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;

/**
 * Fits one epoch's minibatches to a network, leaving the trained parameters in that network: in this JVM
 * ({@link #LOCAL}) or distributed (the Spark trainer in spark-jobs). {@link LocalTrainer} runs the epochs, scores
 * dev and stops early whichever way the epochs are fitted.
 */
@FunctionalInterface
public interface EpochFitter {

    /** One minibatch after another on this JVM. */
    EpochFitter LOCAL = (net, batches) -> batches.forEach(net::fit);

    void fit(ComputationGraph net, List<MultiDataSet> batches);
}
