package dev.embeddings.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/** The optimiser options reach DL4J and do what their names say: decay, schedule, clipping, validation. */
class OptimizerTest {

    private static final double RATE = 1e-3;

    @TempDir
    Path dir;

    private static OptimizerConfig optimizer(Optimizer kind, double rate, double weightDecay, LrSchedule schedule,
                                             double warmup, double clipNorm) {
        return new OptimizerConfig(kind, rate, rate, weightDecay, schedule, warmup, clipNorm).validate();
    }

    private static FineTuneConfig config(ModelKind model, EmbeddingMode mode, int epochs, OptimizerConfig optimizer) {
        return new FineTuneConfig(model, mode, 16, 1, true, TagScheme.IOB2, epochs, epochs, 16, optimizer, 0.2, 0, 8,
                8, 7).validate();
    }

    private static BaseLayer layer(ComputationGraphConfiguration conf, String name) {
        return (BaseLayer) ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
    }

    /** The rate the updater of layer {@code name} of {@code conf} uses at {@code iteration}. */
    private static double rate(ComputationGraphConfiguration conf, String name, int iteration) {
        return layer(conf, name).getIUpdater().getLearningRate(iteration, 0);
    }

    private static ComputationGraphConfiguration configuration(LrSchedule schedule, double warmup, long steps) {
        return Networks.configuration(config(ModelKind.AVERAGE, EmbeddingMode.FINE_TUNE, 1,
                optimizer(Optimizer.ADAMW, RATE, 0.01, schedule, warmup, 0)), 10, 4, List.of("neg", "pos"), steps);
    }

    @Test
    void theScheduleGivesTheExpectedRateAtGivenIterations() {
        // 100 steps, 10 of warm-up: step i of the warm-up gets (i + 1) / 10 of the rate, then the decay to 0 at 100.
        ComputationGraphConfiguration linear = configuration(LrSchedule.LINEAR, 10, 100);
        double[][] expected = {{0, 0.1}, {4, 0.5}, {9, 1}, {10, 1}, {55, 0.5}, {99, 1.0 / 90}, {100, 0}};
        for (double[] e : expected) {
            assertEquals(e[1] * RATE, rate(linear, Networks.OUTPUT, (int) e[0]), 1e-12, "linear, step " + e[0]);
            // The fine-tuned vectors follow the same schedule at their own rate (equal here).
            assertEquals(e[1] * RATE, rate(linear, Networks.EMBEDDING, (int) e[0]), 1e-12, "embedding, " + e[0]);
        }
        // A fraction: 0.1 of 100 steps is the same warm-up; a third of the decay is cos(pi / 3) = 0.5, so 0.75.
        ComputationGraphConfiguration cosine = configuration(LrSchedule.COSINE, 0.1, 100);
        double[][] cosineExpected = {{0, 0.1}, {9, 1}, {40, 0.75}, {55, 0.5}, {100, 0}};
        for (double[] e : cosineExpected) {
            assertEquals(e[1] * RATE, rate(cosine, Networks.OUTPUT, (int) e[0]), 1e-12, "cosine, step " + e[0]);
        }
        ComputationGraphConfiguration warmConstant = configuration(LrSchedule.CONSTANT, 4, 100);
        assertEquals(0.5 * RATE, rate(warmConstant, Networks.OUTPUT, 1), 1e-12);
        assertEquals(RATE, rate(warmConstant, Networks.OUTPUT, 3), 1e-12);
        assertEquals(RATE, rate(warmConstant, Networks.OUTPUT, 99), 1e-12);
        ComputationGraphConfiguration constant = configuration(LrSchedule.CONSTANT, 0, 100);
        assertEquals(RATE, rate(constant, Networks.OUTPUT, 0), 0);
        assertEquals(RATE, rate(constant, Networks.OUTPUT, 1000), 0);

        // The schedule is saved with the model: the configuration's JSON reads back to the same rates.
        ComputationGraphConfiguration reread = ComputationGraphConfiguration.fromJson(cosine.toJson());
        for (int step : new int[] {0, 9, 40, 77}) {
            assertEquals(rate(cosine, Networks.OUTPUT, step), rate(reread, Networks.OUTPUT, step), 0);
        }
        assertEquals(List.of(), layer(reread, Networks.EMBEDDING).getRegularization(), "decay on the vectors");
        assertEquals(List.of(new WeightDecay(0.01, true)), layer(reread, Networks.OUTPUT).getRegularization());
    }

    /** The synthetic sentiment task, all of whose training words have vectors: no training word uses the unknown row. */
    private record Sentiment(ClassificationTask task, List<LabeledText> train, EmbeddingMatrix initial) {

        ComputationGraph network(FineTuneConfig config) {
            int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
            return Networks.create(Networks.configuration(config, initial.rows(), initial.dim(),
                    task.labels(), (long) config.epochs() * batches), initial);
        }
    }

    private Sentiment sentiment() throws IOException {
        PretrainedVectors vectors = SyntheticTasks.vectors(16, 3);
        List<LabeledText> train = new ClassificationReader(true)
                .read(SyntheticTasks.writeSentiment(dir.resolve("train.tsv"), 200, 1));
        ClassificationTask task = ClassificationTask.fromTraining(train, List.of(), 1, vectors);
        return new Sentiment(task, train, EmbeddingMatrix.pretrained(task.index(), vectors, 7));
    }

    private static float[] unknownRow(ComputationGraph net) {
        return net.getParam(Networks.EMBEDDING + "_W").getRow(TokenIndex.UNKNOWN).dup().toFloatVector();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void weightDecayShrinksTheWeightsButLeavesTheEmbeddingTableAlone() throws IOException {
        Sentiment sentiment = sentiment();
        float[] unknownBefore = sentiment.initial().values().row(TokenIndex.UNKNOWN);
        double[] norms = new double[3];
        INDArray[] weights = new INDArray[3];
        OptimizerConfig[] optimizers = {
                optimizer(Optimizer.ADAMW, 0.01, 0, LrSchedule.CONSTANT, 0, 0),
                optimizer(Optimizer.ADAMW, 0.01, 0.5, LrSchedule.CONSTANT, 0, 0),
                optimizer(Optimizer.ADAM, 0.01, 0.5, LrSchedule.CONSTANT, 0, 0)};
        for (int i = 0; i < optimizers.length; i++) {
            FineTuneConfig config = config(ModelKind.AVERAGE, EmbeddingMode.FINE_TUNE, 2, optimizers[i]);
            ComputationGraph net = sentiment.network(config);
            LocalTrainer.train(net, sentiment.task(), sentiment.train(), sentiment.train(), config);
            weights[i] = net.getParam(Networks.OUTPUT + "_W").dup();
            norms[i] = weights[i].norm2Number().doubleValue();
            // No training word maps to the unknown row: only a decay of the embedding table could move it.
            assertArrayEquals(unknownBefore, unknownRow(net), optimizers[i].toString());
        }
        assertFalse(weights[0].equalsWithEps(weights[1], 1e-6), "weight decay changed nothing");
        assertTrue(norms[1] < norms[0], "decoupled decay: norm " + norms[1] + ", without decay " + norms[0]);
        assertTrue(norms[2] < norms[0], "l2 penalty: norm " + norms[2] + ", without " + norms[0]);
    }

    /**
     * After one step Adam's first moment is (1 - beta1) times the gradient it was given: its norm shows what the
     * clipping let through. The embeddings are frozen, so the output layer is the only one with a gradient.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void clippingBoundsTheGradientTheOptimiserSees() throws IOException {
        Sentiment sentiment = sentiment();
        MultiDataSet batch = sentiment.task().batches(sentiment.train(), 16, new Random(1)).get(0);
        double clip = 1e-3;
        double[] seen = new double[2];
        double[] clips = {clip, 0};
        for (int i = 0; i < clips.length; i++) {
            FineTuneConfig config = config(ModelKind.AVERAGE, EmbeddingMode.STATIC, 1,
                    optimizer(Optimizer.ADAM, 0.01, 0, LrSchedule.CONSTANT, 0, clips[i]));
            ComputationGraph net = sentiment.network(config);
            net.fit(batch);
            // The output layer's parameters come last, in the last updater block.
            List<UpdaterBlock> blocks = net.getUpdater().getUpdaterBlocks();
            INDArray m = ((AdamUpdater) blocks.get(blocks.size() - 1).getGradientUpdater()).getM();
            long outputParams = net.getParam(Networks.OUTPUT + "_W").length()
                    + net.getParam(Networks.OUTPUT + "_b").length();
            seen[i] = m.get(NDArrayIndex.interval(m.length() - outputParams, m.length())).norm2Number().doubleValue()
                    / (1 - 0.9);
        }
        assertEquals(clip, seen[0], 1e-6 * clip, "the clipped gradient's norm");
        assertTrue(seen[1] > 10 * clip, "unclipped gradient norm " + seen[1] + " tests nothing");
    }

    @Test
    void badSettingsAreRejectedNamingTheSetting() {
        Object[][] cases = {
                {new OptimizerConfig(Optimizer.ADAMW, 0, RATE, 0, LrSchedule.CONSTANT, 0, 0), "learningRate"},
                {new OptimizerConfig(Optimizer.ADAMW, RATE, RATE, -0.1, LrSchedule.CONSTANT, 0, 0), "weightDecay"},
                {new OptimizerConfig(Optimizer.ADAMW, RATE, RATE, 0, LrSchedule.LINEAR, -1, 0), "warmup"},
                {new OptimizerConfig(Optimizer.ADAMW, RATE, RATE, 0, LrSchedule.LINEAR, 2.5, 0), "warmup"},
                {new OptimizerConfig(Optimizer.ADAMW, RATE, RATE, 0, LrSchedule.LINEAR, 0, -1), "clipNorm"},
                {new OptimizerConfig(Optimizer.ADAMW, RATE, RATE, 0, LrSchedule.LINEAR, 0, Double.NaN), "clipNorm"},
                {new OptimizerConfig(Optimizer.ADADELTA, RATE, RATE, 0, LrSchedule.COSINE, 0, 0), "adadelta"},
                {new OptimizerConfig(Optimizer.ADADELTA, RATE, RATE, 0, LrSchedule.CONSTANT, 5, 0), "adadelta"},
        };
        for (Object[] c : cases) {
            OptimizerConfig bad = (OptimizerConfig) c[0];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::validate, bad.toString());
            assertTrue(e.getMessage().contains((String) c[1]) && !e.getMessage().contains("\n"), e.getMessage());
        }
        OptimizerConfig tooLong = optimizer(Optimizer.ADAMW, RATE, 0, LrSchedule.LINEAR, 50, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tooLong.warmupSteps(40));
        assertTrue(e.getMessage().contains("50") && e.getMessage().contains("40"), e.getMessage());
        assertEquals(4, optimizer(Optimizer.ADAMW, RATE, 0, LrSchedule.LINEAR, 0.1, 0).warmupSteps(40));
    }
}
