package dev.embeddings.word2vec;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The ND4J backend: negative-sampling updates applied in minibatches of examples that share their negatives, so
 * the arithmetic becomes dense matrix products (B x dim hidden rows against K shared negative rows), while rows
 * are gathered from and scatter-added into the shared model in plain Java. One step is the exact gradient step of
 * the batch loss sum_b [-log sigma(h_b . o_t_b) - sum_k log sigma(-h_b . o_n_k)]; as in the scalar kernel, CBOW
 * context rows receive the gradient w.r.t. their mean undivided. A negative that equals a target stays (it is a
 * different prediction). Hierarchical softmax is not supported.
 *
 * <p>Sharing concentrates updates: each shared negative row takes the summed gradient of the whole batch in one
 * step, so large batches diverge (CBOW with 1,024 examples per batch reached an infinite loss on the planted
 * corpus); batches of a few hundred examples train like the scalar kernel. Per-batch ND4J overhead makes this
 * backend several times slower than {@link ScalarExampleUpdater} on CPU.
 *
 * <p>Memory per thread: about (2B + K) x dim floats of buffers, plus ND4J's off-heap copies of them per batch.
 */
final class Nd4jBatchUpdater extends ExampleUpdater {

    private final int dim;
    private final int batchSize;
    private final float[] input;
    private final float[] output;
    private final NegativeSampler sampler;
    private final SplittableRandom random;
    private final int[] targets;
    private final int[] contextOffsets;
    private final int[] contextIds;
    private final int[] negatives;
    private final float[] hidden;
    private final float[] positiveRows;
    private final float[] negativeRows;
    private int size;
    private float lr;

    /**
     * @param random the worker's random stream, shared so one thread's draws stay in one deterministic order
     */
    Nd4jBatchUpdater(Word2VecModel model, NegativeSampler sampler, int negative, int window, int batchSize,
                     SplittableRandom random) {
        if (model.loss() != Word2VecConfig.Loss.NS) {
            throw new IllegalArgumentException("the nd4j backend supports loss ns only, got " + model.loss());
        }
        this.dim = model.dim();
        this.batchSize = batchSize;
        this.input = model.input();
        this.output = model.output();
        this.sampler = sampler;
        this.random = random;
        this.targets = new int[batchSize];
        this.contextOffsets = new int[batchSize + 1];
        this.contextIds = new int[batchSize * 2 * window];
        this.negatives = new int[negative];
        this.hidden = new float[batchSize * dim];
        this.positiveRows = new float[batchSize * dim];
        this.negativeRows = new float[negative * dim];
    }

    @Override
    void skipGram(int context, int target, float lr) {
        contextIds[contextOffsets[size]] = context;
        add(1, target, lr);
    }

    @Override
    void cbow(int[] contexts, int contextCount, int target, float lr) {
        System.arraycopy(contexts, 0, contextIds, contextOffsets[size], contextCount);
        add(contextCount, target, lr);
    }

    private void add(int contextCount, int target, float lr) {
        targets[size] = target;
        contextOffsets[size + 1] = contextOffsets[size] + contextCount;
        this.lr = lr;
        if (++size == batchSize) {
            flush();
        }
    }

    /** Applies the pending batch, drawing its shared negatives; the learning rate is the latest example's. */
    @Override
    void flush() {
        if (size == 0) {
            return;
        }
        for (int k = 0; k < negatives.length; k++) {
            negatives[k] = sampler.sample(random.nextLong());
        }
        applyBatch(negatives);
    }

    /** Applies the pending batch with the given shared negatives. */
    float applyBatch(int[] sharedNegatives) {
        int b = size;
        int k = sharedNegatives.length;
        Arrays.fill(hidden, 0, b * dim, 0f);
        for (int e = 0; e < b; e++) {
            int from = contextOffsets[e];
            int to = contextOffsets[e + 1];
            for (int c = from; c < to; c++) {
                Word2VecKernel.addScaled(1f / (to - from), input, contextIds[c] * dim, hidden, e * dim, dim);
            }
            System.arraycopy(output, targets[e] * dim, positiveRows, e * dim, dim);
        }
        for (int n = 0; n < k; n++) {
            System.arraycopy(output, sharedNegatives[n] * dim, negativeRows, n * dim, dim);
        }

        INDArray h = matrix(hidden, b);
        INDArray positive = matrix(positiveRows, b);
        INDArray negative = matrix(negativeRows, k);
        INDArray positiveScores = h.mul(positive).sum(1).reshape(b, 1);
        INDArray negativeScores = h.mmul(negative.transpose());
        float batchLoss = Transforms.softPlus(positiveScores.neg()).sumNumber().floatValue()
                + Transforms.softPlus(negativeScores).sumNumber().floatValue();
        // g = lr * (label - sigmoid(score)): label 1 for targets, 0 for negatives.
        INDArray positiveSteps = Transforms.sigmoid(positiveScores).rsubi(1).muli(lr);
        INDArray negativeSteps = Transforms.sigmoid(negativeScores).negi().muli(lr);
        float[] hiddenUpdate = rowMajor(positive.mulColumnVector(positiveSteps).addi(negativeSteps.mmul(negative)));
        float[] positiveUpdate = rowMajor(h.mulColumnVector(positiveSteps));
        float[] negativeUpdate = rowMajor(negativeSteps.transpose().mmul(h));

        for (int e = 0; e < b; e++) {
            for (int c = contextOffsets[e]; c < contextOffsets[e + 1]; c++) {
                Word2VecKernel.addScaled(1f, hiddenUpdate, e * dim, input, contextIds[c] * dim, dim);
            }
            Word2VecKernel.addScaled(1f, positiveUpdate, e * dim, output, targets[e] * dim, dim);
        }
        for (int n = 0; n < k; n++) {
            Word2VecKernel.addScaled(1f, negativeUpdate, n * dim, output, sharedNegatives[n] * dim, dim);
        }
        tally(batchLoss, (long) b * (1 + k));
        size = 0;
        return batchLoss;
    }

    private INDArray matrix(float[] rows, int count) {
        float[] data = rows.length == count * dim ? rows : Arrays.copyOf(rows, count * dim);
        return Nd4j.create(data, new int[] {count, dim});
    }

    /** The matrix's elements row by row (mmul results come column-major). */
    private static float[] rowMajor(INDArray m) {
        return m.dup('c').data().asFloat();
    }
}
