package dev.embeddings.finetune.crf;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CRF layer inside a DL4J graph (an LSTM below it, in doubles): its gradients against finite differences of its
 * score through the LSTM, padding that changes nothing, Viterbi output, and a save/load round trip.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CrfLayerTest {

    private static final List<String> TAGS = List.of("B-LOC", "B-PER", "I-LOC", "I-PER", "O");
    private static final int FEATURES = 3;
    /** Gold paths (tag ids) of three sentences of different lengths, all valid IOB2. */
    private static final int[][] GOLD = {{1, 3, 4, 0, 2}, {4, 0}, {0, 2, 2, 4}};

    @TempDir
    Path dir;

    private static ComputationGraph network() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .miniBatch(false).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("lstm", new LSTM.Builder().dataFormat(RNNFormat.NCW).nIn(FEATURES).nOut(4)
                        .activation(Activation.TANH).build(), "in")
                .addLayer("crf", new CrfOutputLayer.Builder(TAGS).nIn(4).build(), "lstm")
                .setOutputs("crf").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        // Non-zero CRF scores, so that their gradients are tested at a general point.
        Random random = new Random(5);
        for (String param : List.of("crf_transitions", "crf_start", "crf_end", "crf_b")) {
            INDArray values = net.getParam(param);
            for (int i = 0; i < values.length(); i++) {
                values.putScalar(i, random.nextGaussian());
            }
        }
        return net;
    }

    /**
     * Sentences {@code which} of {@link #GOLD} padded to {@code time} steps: random features everywhere (padding
     * included), one-hot gold labels, and the mask.
     */
    private static MultiDataSet batch(int[] which, int time, long seed) {
        Random random = new Random(seed);
        int batch = which.length;
        INDArray features = Nd4j.create(DataType.DOUBLE, batch, FEATURES, time);
        INDArray labels = Nd4j.create(DataType.DOUBLE, batch, TAGS.size(), time);
        INDArray mask = Nd4j.create(DataType.DOUBLE, batch, time);
        for (int i = 0; i < batch; i++) {
            int[] gold = GOLD[which[i]];
            for (int t = 0; t < time; t++) {
                for (int f = 0; f < FEATURES; f++) {
                    features.putScalar(new long[] {i, f, t}, random.nextGaussian());
                }
                if (t < gold.length) {
                    labels.putScalar(new long[] {i, gold[t], t}, 1);
                    mask.putScalar(new long[] {i, t}, 1);
                }
            }
        }
        return new MultiDataSet(new INDArray[] {features}, new INDArray[] {labels}, new INDArray[] {mask},
                new INDArray[] {mask});
    }

    /** The same sentence's features alone, unpadded, as {@link #batch} generated them within a batch. */
    private static MultiDataSet alone(MultiDataSet batch, int row, int length) {
        INDArray features = batch.getFeatures(0).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(row, row, true),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, length))
                .dup();
        INDArray labels = batch.getLabels(0).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(row, row, true),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, length))
                .dup();
        return new MultiDataSet(features, labels);
    }

    @Test
    void gradientsOfAllParametersMatchFiniteDifferencesOfTheScore() {
        ComputationGraph net = network();
        MultiDataSet data = batch(new int[] {0, 1, 2}, 6, 9);
        net.setInputs(data.getFeatures());
        net.setLabels(data.getLabels());
        net.setLayerMaskArrays(data.getFeaturesMaskArrays(), data.getLabelsMaskArrays());
        net.computeGradientAndScore();
        double[] analytic = net.gradient().gradient().dup().toDoubleVector();
        INDArray params = net.params();
        double h = 1e-6;
        double worst = 0;
        for (int i = 0; i < params.length(); i++) {
            double saved = params.getDouble(i);
            params.putScalar(i, saved + h);
            double plus = net.score(data, false);
            params.putScalar(i, saved - h);
            double minus = net.score(data, false);
            params.putScalar(i, saved);
            double numeric = (plus - minus) / (2 * h);
            worst = Math.max(worst, Math.abs(numeric - analytic[i]) / Math.max(1, Math.abs(numeric)));
        }
        assertTrue(worst < 1e-5, "largest relative gradient error " + worst);
        assertEquals(params.length(), analytic.length);
    }

    @Test
    void paddedSentencesScoreAndDecodeAsTheyDoAlone() {
        ComputationGraph net = network();
        MultiDataSet padded = batch(new int[] {1, 0, 2}, 7, 4);
        double sum = 0;
        INDArray output = net.output(false, padded.getFeatures(), padded.getFeaturesMaskArrays())[0];
        for (int row = 0; row < 3; row++) {
            int length = GOLD[new int[] {1, 0, 2}[row]].length;
            MultiDataSet sentence = alone(padded, row, length);
            sum += net.score(sentence, false);
            INDArray own = net.output(sentence.getFeatures(0))[0];
            for (int t = 0; t < 7; t++) {
                for (int k = 0; k < TAGS.size(); k++) {
                    double expected = t < length ? own.getDouble(0, k, t) : 0;
                    assertEquals(expected, output.getDouble(row, k, t), "sentence " + row + " step " + t);
                }
            }
        }
        assertEquals(sum, net.score(padded, false), 1e-9);
    }

    @Test
    void outputIsOneValidIob2PathPerSentence() {
        ComputationGraph net = network();
        MultiDataSet data = batch(new int[] {0, 2, 1}, 5, 8);
        INDArray output = net.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0];
        for (int row = 0; row < 3; row++) {
            String previous = "O";
            for (int t = 0; t < output.size(2); t++) {
                double sum = 0;
                int tag = -1;
                for (int k = 0; k < TAGS.size(); k++) {
                    sum += output.getDouble(row, k, t);
                    tag = output.getDouble(row, k, t) == 1 ? k : tag;
                }
                if (data.getFeaturesMaskArray(0).getDouble(row, t) == 0) {
                    assertEquals(0, sum);
                    continue;
                }
                assertEquals(1, sum);
                String name = TAGS.get(tag);
                assertTrue(!name.startsWith("I-") || previous.substring(Math.min(2, previous.length()))
                        .equals(name.substring(2)) && !previous.equals("O"), previous + " then " + name);
                previous = name;
            }
        }
    }

    @Test
    void trainingLowersTheScoreAndASavedNetworkReloadsWithTheSameOutputs() throws IOException {
        ComputationGraph net = network();
        MultiDataSet data = batch(new int[] {0, 1, 2}, 5, 2);
        double before = net.score(data, false);
        for (int i = 0; i < 30; i++) {
            net.fit(data);
        }
        assertTrue(net.score(data, false) < 0.5 * before, before + " then " + net.score(data, false));
        File file = dir.resolve("crf.zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, false);
        assertEquals(net.getConfiguration().toJson(), loaded.getConfiguration().toJson());
        assertEquals(net.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0],
                loaded.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0]);
        assertEquals(net.score(data, false), loaded.score(data, false), 1e-12);
    }
}
