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

    /**
     * The optimiser steps (DL4J iterations) an epoch of {@code batches} minibatches advances the network by: one per
     * minibatch here; the learning-rate schedule is laid out over these.
     */
    default long steps(int batches) {
        return batches;
    }
}
