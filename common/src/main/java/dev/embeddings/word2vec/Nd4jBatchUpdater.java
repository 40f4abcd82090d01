package dev.embeddings.word2vec;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The ND4J backend: negative-sampling updates applied to the {@link Nd4jDeviceModel} in minibatches of
 * {@link Nd4jBatchShape#examples()} examples, each group of {@link Nd4jBatchShape#groupSize()} sharing its negatives,
 * so that a minibatch is a fixed set of about 30 ND4J operations whatever its size: rows gathered by index, batched
 * matrix products (each group's hidden rows against its negatives' rows), and the updates scatter-added into the
 * model. Only the minibatch's word ids travel to the device; the loss is summed on the device and read when the
 * worker reports.
 *
 * <p>One step is the exact gradient step of the minibatch loss sum_b [-log sigma(h_b . o_t_b) - sum_k
 * log sigma(-h_b . o_n_k)] over its group's negatives n_k; as in word2vec.c, a negative equal to the example's
 * target is left out, and CBOW context rows receive the gradient w.r.t. their mean undivided. With
 * {@link Nd4jBatchShape#ONE_EXAMPLE} this is word2vec.c's update, drawn from the same random stream as
 * {@link ScalarExampleUpdater}, except that a word drawn twice among one example's negatives takes both steps from
 * the same values (word2vec.c takes them one after the other). Hierarchical softmax is not supported.
 *
 * <p>Memory per thread: the minibatch's word ids on the host; on the device, a few B x dim and B x K temporaries.
 */
final class Nd4jBatchUpdater extends ExampleUpdater {

    private final Nd4jDeviceModel model;
    private final int dim;
    private final int groupSize;
    private final int negative;
    private final NegativeSampler sampler;
    private final SplittableRandom random;
    private final int contextWidth;
    private final int[] targets;
    private final int[] contextIds;
    private final float[] contextWeights;
    private final int[] negatives;
    private final int[] collisions;
    private final INDArray loss = Nd4j.scalar(0f);
    private int size;
    private float lr;

    /**
     * @param cbow   whether examples come from {@link #cbow} (up to 2 x window contexts each) or {@link #skipGram}
     * @param random the worker's random stream, shared so one thread's draws stay in one deterministic order
     */
    Nd4jBatchUpdater(Nd4jDeviceModel model, NegativeSampler sampler, int negative, boolean cbow, int window,
                     Nd4jBatchShape shape, SplittableRandom random) {
        this.model = model;
        this.dim = model.dim();
        this.groupSize = shape.groupSize();
        this.negative = negative;
        this.sampler = sampler;
        this.random = random;
        int examples = shape.examples();
        this.contextWidth = cbow ? 2 * window : 1;
        this.targets = new int[examples];
        this.contextIds = new int[examples * contextWidth];
        this.contextWeights = cbow ? new float[examples * contextWidth] : null;
        this.negatives = new int[shape.groups() * negative];
        this.collisions = new int[examples * negative];
    }

    @Override
    void skipGram(int context, int target, float lr) {
        contextIds[size] = context;
        add(target, lr);
    }

    /** Context slots beyond {@code count} hold word 0 with weight 0, so every example has the same width. */
    @Override
    void cbow(int[] contexts, int count, int target, float lr) {
        int first = size * contextWidth;
        System.arraycopy(contexts, 0, contextIds, first, count);
        Arrays.fill(contextIds, first + count, first + contextWidth, 0);
        Arrays.fill(contextWeights, first, first + count, 1f / count);
        Arrays.fill(contextWeights, first + count, first + contextWidth, 0f);
        add(target, lr);
    }

    private void add(int target, float lr) {
        targets[size++] = target;
        this.lr = lr;
        if (size == targets.length) {
            flush();
        }
    }

    /** Applies the pending minibatch, drawing each group's negatives; the learning rate is the latest example's. */
    @Override
    void flush() {
        if (size == 0) {
            return;
        }
        int draws = groups(size) * negative;
        for (int k = 0; k < draws; k++) {
            negatives[k] = sampler.sample(random.nextLong());
        }
        applyBatch(Arrays.copyOf(negatives, draws));
    }

    /** Applies the pending minibatch with the given negatives, {@code negative} per group. */
    void applyBatch(int[] groupNegatives) {
        int examples = size;
        int groups = groups(examples);
        int padded = groups * groupSize;
        if (groupNegatives.length != groups * negative) {
            throw new IllegalArgumentException(groups + " groups need " + groups * negative + " negatives, got "
                    + groupNegatives.length);
        }
        // A last, partial group is filled with dummy examples (word 0 predicting word 0) whose steps are zeroed.
        Arrays.fill(targets, examples, padded, 0);
        Arrays.fill(contextIds, examples * contextWidth, padded * contextWidth, 0);
        INDArray contextIndex = upload(Arrays.copyOf(contextIds, padded * contextWidth));
        INDArray targetIndex = upload(Arrays.copyOf(targets, padded));
        INDArray negativeIndex = upload(groupNegatives);

        // CBOW: h = sum_j weight_j * row_j over each example's context slots (weights 1/count, 0 in empty slots).
        INDArray contextRows = gather(model.input(), contextIndex);
        INDArray weights = null;
        INDArray hidden = contextRows;
        if (contextWeights != null) {
            Arrays.fill(contextWeights, examples * contextWidth, padded * contextWidth, 0f);
            model.countUpload(4L * padded * contextWidth);
            weights = Nd4j.create(Arrays.copyOf(contextWeights, padded * contextWidth),
                    new long[] {padded, contextWidth, 1}, 'c');
            hidden = contextRows.reshape(padded, contextWidth, dim).mul(weights).sum(1);
        }
        INDArray positiveRows = gather(model.output(), targetIndex);
        INDArray negativeRows = gather(model.output(), negativeIndex).reshape(groups, negative, dim);
        INDArray groupedHidden = hidden.reshape(groups, groupSize, dim);

        INDArray positiveScores = hidden.mul(positiveRows).sum(1);
        INDArray negativeScores = Nd4j.matmul(groupedHidden, negativeRows, false, true, false);
        INDArray positiveLoss = Transforms.softPlus(positiveScores.neg(), false);
        INDArray negativeLoss = Transforms.softPlus(negativeScores);
        // g = lr * (label - sigmoid(score)): label 1 for targets, 0 for negatives.
        INDArray positiveSteps = Transforms.sigmoid(positiveScores, false).rsubi(1).muli(lr).reshape(padded, 1);
        INDArray negativeSteps = Transforms.sigmoid(negativeScores, false).muli(-lr);
        int collided = leaveOutTargetNegatives(examples, groupNegatives, negativeSteps, negativeLoss);
        if (padded > examples) {
            for (INDArray perExample : new INDArray[] {positiveSteps, positiveLoss,
                    negativeSteps.reshape(padded, negative), negativeLoss.reshape(padded, negative)}) {
                perExample.get(NDArrayIndex.interval(examples, padded)).assign(0);
            }
        }
        loss.addi(positiveLoss.sum()).addi(negativeLoss.sum());

        INDArray hiddenUpdate = positiveRows.mulColumnVector(positiveSteps)
                .addi(Nd4j.matmul(negativeSteps, negativeRows).reshape(padded, dim));
        INDArray positiveUpdate = hidden.mulColumnVector(positiveSteps);
        INDArray negativeUpdate = Nd4j.matmul(negativeSteps, groupedHidden, true, false, false)
                .reshape(groups * negative, dim);
        scatterAdd(model.output(), targetIndex, positiveUpdate);
        scatterAdd(model.output(), negativeIndex, negativeUpdate);
        // Each context word of an example receives the gradient w.r.t. h undivided (word2vec.c); empty slots none.
        scatterAdd(model.input(), contextIndex, weights == null ? hiddenUpdate
                : Transforms.sign(weights).mul(hiddenUpdate.reshape(padded, 1, dim))
                        .reshape(padded * contextWidth, dim));
        tally(0, (long) examples * (1 + negative) - collided);
        countUpdates(examples, groupNegatives);
        size = 0;
    }

    /**
     * Counts the minibatch's row updates on the host when the model counts them, as the JVM kernel does: each
     * example's target, context rows, and its group's negatives other than its target (the step a group's negative
     * row takes sums one per such example).
     */
    private void countUpdates(int examples, int[] groupNegatives) {
        int[] inputUpdates = model.inputUpdates();
        int[] outputUpdates = model.outputUpdates();
        if (inputUpdates == null) {
            return;
        }
        for (int e = 0; e < examples; e++) {
            outputUpdates[targets[e]]++;
            for (int slot = e * contextWidth; slot < (e + 1) * contextWidth; slot++) {
                if (contextWeights == null || contextWeights[slot] > 0) {
                    inputUpdates[contextIds[slot]]++;
                }
            }
            int first = e / groupSize * negative;
            for (int k = 0; k < negative; k++) {
                if (groupNegatives[first + k] != targets[e]) {
                    outputUpdates[groupNegatives[first + k]]++;
                }
            }
        }
    }

    /**
     * Zeroes the step and loss of every prediction of a negative that equals its example's target, as word2vec.c
     * drops such draws; returns how many. The positions travel to the device only when there are any.
     */
    private int leaveOutTargetNegatives(int examples, int[] groupNegatives, INDArray negativeSteps,
                                        INDArray negativeLoss) {
        int count = 0;
        for (int e = 0; e < examples; e++) {
            int first = e / groupSize * negative;
            for (int k = 0; k < negative; k++) {
                if (groupNegatives[first + k] == targets[e]) {
                    collisions[count++] = e * negative + k;
                }
            }
        }
        if (count > 0) {
            INDArray positions = upload(Arrays.copyOf(collisions, count));
            INDArray zeros = Nd4j.zeros(negativeSteps.dataType(), count);
            for (INDArray predictions : new INDArray[] {negativeSteps, negativeLoss}) {
                INDArray flat = predictions.reshape(predictions.length());
                Nd4j.exec(DynamicCustomOp.builder("scatter_upd").addInputs(flat, positions, zeros).addOutputs(flat)
                        .build());
            }
        }
        return count;
    }

    /** Loss summed on the device since the last call, plus any tallied on the host; resets both. */
    @Override
    double takeLoss() {
        double deviceLoss = loss.getDouble(0);
        loss.assign(0);
        return super.takeLoss() + deviceLoss;
    }

    private int groups(int examples) {
        return (examples + groupSize - 1) / groupSize;
    }

    private INDArray upload(int[] ids) {
        model.countUpload(4L * ids.length);
        return Nd4j.createFromArray(ids);
    }

    private static INDArray gather(INDArray rows, INDArray index) {
        return exec(new Gather(rows, index, 0));
    }

    /** rows[index[i]] += updates[i], duplicates accumulated one after another (the lock argument). */
    private static void scatterAdd(INDArray rows, INDArray index, INDArray updates) {
        Nd4j.exec(DynamicCustomOp.builder("scatter_add").addInputs(rows, index, updates).addOutputs(rows)
                .addBooleanArguments(true).build());
    }

    private static INDArray exec(CustomOp op) {
        return Nd4j.exec(op)[0];
    }
}
