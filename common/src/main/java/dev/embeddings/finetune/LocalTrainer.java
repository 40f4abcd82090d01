package dev.embeddings.finetune;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Trains a network: shuffled minibatches per epoch (fitted on this machine unless an {@link EpochFitter} distributes
 * them), a dev score after each epoch, early stopping after {@code patience} epochs without improvement, and the best
 * epoch's parameters restored at the end.
 */
public final class LocalTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTrainer.class);

    /** What happened: the best epoch (1-based) and its dev score, every epoch's dev score, training time. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(int bestEpoch, double bestDevScore, double[] devScores, double meanEpochSeconds) {
    }

    private LocalTrainer() {
    }

    /** Fits every minibatch in this JVM. */
    public static <E> Result train(ComputationGraph net, FineTuneTask<E> task, List<E> train,
                                   List<E> dev, FineTuneConfig config) {
        return train(net, task, train, dev, config, EpochFitter.LOCAL);
    }

    /** Each epoch's shuffled minibatches fitted by {@code fitter}; dev is scored here, in this JVM. */
    public static <E> Result train(ComputationGraph net, FineTuneTask<E> task, List<E> train,
                                   List<E> dev, FineTuneConfig config, EpochFitter fitter) {
        config.validate();
        Random random = new Random(config.seed());
        double[] scores = new double[config.epochs()];
        double best = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        INDArray bestParams = null;
        double trainingSeconds = 0;
        int epoch = 0;
        while (epoch < config.epochs() && epoch - bestEpoch < config.patience()) {
            long start = System.nanoTime();
            fitter.fit(net, task.batches(train, config.batchSize(), random));
            trainingSeconds += (System.nanoTime() - start) / 1e9;
            double score = task.report(net, dev).headline();
            scores[epoch++] = score;
            LOG.info("epoch {}: dev score {} ({} s of training so far)", epoch, score, trainingSeconds);
            if (score > best) {
                best = score;
                bestEpoch = epoch;
                bestParams = net.params().dup();
            }
        }
        net.setParams(bestParams);
        return new Result(bestEpoch, best, Arrays.copyOf(scores, epoch), trainingSeconds / epoch);
    }
}
