package dev.embeddings.word2vec;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One SGD step of each update rule equals -lr times the numeric gradient of its loss, computed here in double
 * precision by central differences over every parameter of a tiny model (so untouched rows must stay put too).
 * CBOW context rows follow word2vec.c: they move by the number of context words times their gradient step. The
 * ND4J backend's minibatch step is the exact gradient step of the batch's summed loss with shared negatives.
 */
class Word2VecKernelGradientTest {

    private static final int VOCABULARY = 6;
    private static final int DIM = 4;
    private static final float LR = 0.05f;
    private static final long[] COUNTS = {40, 21, 13, 8, 5, 3};
    private static final NegativeSampler SAMPLER = new NegativeSampler(COUNTS, Word2VecConfig.NS_EXPONENT);

    /** A loss of the whole parameter vector, in double. */
    private interface Loss {
        double of(double[] input, double[] output);
    }

    @Test
    void skipGramNegativeSamplingStepIsGradientStep() {
        Word2VecModel model = randomModel(Word2VecConfig.Loss.NS);
        int context = 1;
        int target = 2;
        int[] negatives = {4, 0};
        Loss loss = (in, out) -> binaryLoss(in, context, out, target, 1)
                + binaryLoss(in, context, out, 4, 0) + binaryLoss(in, context, out, 0, 0);
        assertStepIsGradientStep(model, loss, 1,
                m -> new Word2VecKernel(m, null).skipGram(context, target, negatives, negatives.length, LR));
    }

    @Test
    void skipGramHierarchicalSoftmaxStepIsGradientStep() {
        Word2VecModel model = randomModel(Word2VecConfig.Loss.HS);
        HuffmanTree tree = new HuffmanTree(COUNTS);
        int context = 0;
        int target = 5;
        Loss loss = (in, out) -> pathLoss(tree, target, meanRow(in, context), out);
        assertStepIsGradientStep(model, loss, 1,
                m -> new Word2VecKernel(m, tree).skipGram(context, target, new int[0], 0, LR));
    }

    @Test
    void cbowNegativeSamplingStepIsGradientStep() {
        Word2VecModel model = randomModel(Word2VecConfig.Loss.NS);
        int[] contexts = {1, 3, 1};
        int target = 0;
        int[] negatives = {5, 2};
        Loss loss = (in, out) -> {
            double[] h = meanRow(in, contexts);
            return binary(h, out, target, 1) + binary(h, out, 5, 0) + binary(h, out, 2, 0);
        };
        assertStepIsGradientStep(model, loss, contexts.length,
                m -> new Word2VecKernel(m, null).cbow(contexts, contexts.length, target, negatives, negatives.length,
                        LR));
    }

    @Test
    void cbowHierarchicalSoftmaxStepIsGradientStep() {
        Word2VecModel model = randomModel(Word2VecConfig.Loss.HS);
        HuffmanTree tree = new HuffmanTree(COUNTS);
        int[] contexts = {2, 4};
        int target = 3;
        Loss loss = (in, out) -> pathLoss(tree, target, meanRow(in, contexts), out);
        assertStepIsGradientStep(model, loss, contexts.length,
                m -> new Word2VecKernel(m, tree).cbow(contexts, contexts.length, target, new int[0], 0, LR));
    }

    @Test
    void nd4jSkipGramBatchStepIsGradientStepOfTheBatchLoss() {
        Word2VecModel model = randomModel(Word2VecConfig.Loss.NS);
        // The third example's target 4 is also a shared negative: that prediction is left out, as word2vec.c.
        int[][] examples = {{1, 2}, {3, 2}, {1, 4}};
        int[] shared = {4, 0};
        Loss loss = (in, out) -> {
            double sum = 0;
            for (int[] e : examples) {
                sum += binaryLoss(in, e[0], out, e[1], 1);
                for (int n : shared) {
                    if (n != e[1]) {
                        sum += binaryLoss(in, e[0], out, n, 0);
                    }
                }
            }
            return sum;
        };
        assertStepIsGradientStep(model, loss, 1, m -> nd4jStep(m, false, batch -> {
            for (int[] e : examples) {
                batch.skipGram(e[0], e[1], LR);
            }
        }, shared));
    }

    @Test
    void nd4jCbowBatchStepIsGradientStepOfTheBatchLoss() {
        // Both examples have two context words (so every context row moves by 2 x its gradient step) and share
        // row 3; the shared negative 4 is also the second example's target, so that prediction is left out.
        Word2VecModel model = randomModel(Word2VecConfig.Loss.NS);
        int[][] contexts = {{1, 3}, {3, 5}};
        int[] targets = {0, 4};
        int[] shared = {2, 4};
        Loss loss = (in, out) -> {
            double sum = 0;
            for (int e = 0; e < targets.length; e++) {
                double[] h = meanRow(in, contexts[e]);
                sum += binary(h, out, targets[e], 1);
                for (int n : shared) {
                    if (n != targets[e]) {
                        sum += binary(h, out, n, 0);
                    }
                }
            }
            return sum;
        };
        assertStepIsGradientStep(model, loss, 2, m -> nd4jStep(m, true, batch -> {
            for (int e = 0; e < targets.length; e++) {
                batch.cbow(contexts[e], 2, targets[e], LR);
            }
        }, shared));
    }

    @Test
    void nd4jBatchWithSeveralGroupsSharesEachGroupsOwnNegatives() {
        // Groups of 2: examples 0-1 share negatives {4, 0}, example 2 (a partial group, padded) gets {5, 2}.
        Word2VecModel model = randomModel(Word2VecConfig.Loss.NS);
        int[][] examples = {{1, 2}, {3, 2}, {1, 4}};
        int[][] groupNegatives = {{4, 0}, {5, 2}};
        Loss loss = (in, out) -> {
            double sum = 0;
            for (int e = 0; e < examples.length; e++) {
                sum += binaryLoss(in, examples[e][0], out, examples[e][1], 1);
                for (int n : groupNegatives[e / 2]) {
                    sum += binaryLoss(in, examples[e][0], out, n, 0);
                }
            }
            return sum;
        };
        assertStepIsGradientStep(model, loss, 1, m -> {
            Nd4jDeviceModel device = Nd4jDeviceModel.upload(m);
            Nd4jBatchUpdater batch = new Nd4jBatchUpdater(device, SAMPLER, 2, false, 3, new Nd4jBatchShape(2, 2),
                    new SplittableRandom(1));
            for (int[] e : examples) {
                batch.skipGram(e[0], e[1], LR);
            }
            batch.applyBatch(new int[] {4, 0, 5, 2});
            device.download();
            return (float) batch.takeLoss();
        });
    }

    /** Queues the examples in one ND4J minibatch (one group of 16), applies it with {@code shared} negatives. */
    private static float nd4jStep(Word2VecModel model, boolean cbow, Consumer<Nd4jBatchUpdater> examples,
                                  int[] shared) {
        Nd4jDeviceModel device = Nd4jDeviceModel.upload(model);
        Nd4jBatchUpdater batch = new Nd4jBatchUpdater(device, SAMPLER, shared.length, cbow, 3,
                new Nd4jBatchShape(16, 1), new SplittableRandom(1));
        examples.accept(batch);
        batch.applyBatch(shared);
        device.download();
        return (float) batch.takeLoss();
    }

    private interface Step {
        float apply(Word2VecModel model);
    }

    /**
     * Applies {@code step} and checks each output parameter moved by -lr * dL/dp and each input parameter by
     * -lr * inputScale * dL/dp; also that the step reports the loss before it.
     */
    private static void assertStepIsGradientStep(Word2VecModel model, Loss loss, int inputScale, Step step) {
        double[] in = toDouble(model.input().segmentArray(0));
        double[] out = toDouble(model.output().segmentArray(0));
        double[] inGradient = numericGradient(loss, in, out, in);
        double[] outGradient = numericGradient(loss, in, out, out);
        double lossBefore = loss.of(in, out);

        float reported = step.apply(model);

        assertEquals(lossBefore, reported, 1e-5, "reported loss");
        for (int i = 0; i < in.length; i++) {
            assertEquals(-LR * inputScale * inGradient[i], model.input().segmentArray(0)[i] - in[i], 1e-6, "input parameter " + i);
        }
        for (int i = 0; i < out.length; i++) {
            assertEquals(-LR * outGradient[i], model.output().segmentArray(0)[i] - out[i], 1e-6, "output parameter " + i);
        }
    }

    private static double[] numericGradient(Loss loss, double[] in, double[] out, double[] perturbed) {
        double h = 1e-5;
        double[] gradient = new double[perturbed.length];
        for (int i = 0; i < perturbed.length; i++) {
            double saved = perturbed[i];
            perturbed[i] = saved + h;
            double plus = loss.of(in, out);
            perturbed[i] = saved - h;
            double minus = loss.of(in, out);
            perturbed[i] = saved;
            gradient[i] = (plus - minus) / (2 * h);
        }
        return gradient;
    }

    /** Loss of the Huffman path of {@code target}: at each inner node, label 1 - code. */
    private static double pathLoss(HuffmanTree tree, int target, double[] h, double[] out) {
        double sum = 0;
        for (int d = 0; d < tree.codeLength(target); d++) {
            sum += binary(h, out, tree.point(target, d), 1 - tree.code(target, d));
        }
        return sum;
    }

    private static double binaryLoss(double[] in, int inputRow, double[] out, int outputRow, int label) {
        return binary(meanRow(in, inputRow), out, outputRow, label);
    }

    /** -log sigma(f) for label 1, -log sigma(-f) for label 0, with f = h . out[row]. */
    private static double binary(double[] h, double[] out, int outputRow, int label) {
        double f = 0;
        for (int i = 0; i < DIM; i++) {
            f += h[i] * out[outputRow * DIM + i];
        }
        double signed = label == 1 ? f : -f;
        return Math.log1p(Math.exp(-signed));
    }

    private static double[] meanRow(double[] in, int... rows) {
        double[] mean = new double[DIM];
        for (int r : rows) {
            for (int i = 0; i < DIM; i++) {
                mean[i] += in[r * DIM + i] / rows.length;
            }
        }
        return mean;
    }

    /** Both matrices uniform in (-1, 1), so every prediction has a sizeable gradient. */
    private static Word2VecModel randomModel(Word2VecConfig.Loss loss) {
        Word2VecModel model = Word2VecModel.zeros(VOCABULARY, DIM, loss);
        Random random = new Random(11);
        for (float[] matrix : new float[][] {model.input().segmentArray(0), model.output().segmentArray(0)}) {
            for (int i = 0; i < matrix.length; i++) {
                matrix[i] = random.nextFloat() * 2 - 1;
            }
        }
        return model;
    }

    private static double[] toDouble(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }
}
