package dev.embeddings.word2vec;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.vectors.VectorMath;
import java.util.Arrays;

/**
 * The SGD update of one training example, exactly as word2vec.c computes it, on a {@link Word2VecModel} shared
 * lock-free with other threads. One instance per thread: it owns the scratch rows (hidden layer and its gradient),
 * so an update allocates nothing. When the model counts updates ({@link Word2VecModel#countUpdates}, called before
 * the kernel is made), each step also counts one update of each row it moves.
 *
 * <p>Each example is a hidden vector h predicting a target word: with negative sampling, a positive binary
 * prediction on the target's output row and a negative one on each negative's; with hierarchical softmax, one
 * binary prediction per inner node on the target's Huffman path (label 1 - code). For a prediction with score
 * f = h . o and label y, the loss is -log sigma(+-f), the step is g = lr * (y - sigma(f)), the output row moves by
 * g * h and h's gradient accumulates g * o (read before o moves, so the step is the exact gradient step).
 * <ul>
 *   <li>Skip-gram: h is the input row of one context word (word2vec.c predicts the centre word from each context
 *       word); the accumulated gradient is added to that row.</li>
 *   <li>CBOW: h is the mean of the context words' input rows (cbow_mean=1); as word2vec.c, fastText and gensim,
 *       the accumulated gradient w.r.t. h is added to each context row undivided, i.e. each context row moves by
 *       contextCount times its own gradient step.</li>
 * </ul>
 */
final class Word2VecKernel {

    private final int dim;
    private final FloatMatrix input;
    private final FloatMatrix output;
    private final boolean hierarchical;
    private final HuffmanTree tree;
    private final float[] hidden;
    private final float[] gradient;
    private final int[] inputUpdates;
    private final int[] outputUpdates;
    // Receives the values touchRow reads, so the JIT cannot drop the loads; never read.
    private float touched;

    /**
     * @param tree the Huffman tree for a hierarchical-softmax model, null for negative sampling
     */
    Word2VecKernel(Word2VecModel model, HuffmanTree tree) {
        this.dim = model.dim();
        this.input = model.input();
        this.output = model.output();
        this.hierarchical = model.loss() == Word2VecConfig.Loss.HS;
        if (hierarchical && (tree == null || tree.size() != model.vocabularySize())) {
            throw new IllegalArgumentException("a hierarchical-softmax model needs a Huffman tree over its "
                    + model.vocabularySize() + " words");
        }
        this.tree = tree;
        this.hidden = new float[dim];
        this.gradient = new float[dim];
        this.inputUpdates = model.inputUpdates();
        this.outputUpdates = model.outputUpdates();
    }

    /** Binary predictions one example of {@code target} makes; {@code negativeCount} is ignored for hs. */
    int predictions(int target, int negativeCount) {
        return hierarchical ? tree.codeLength(target) : 1 + negativeCount;
    }

    /**
     * Skip-gram step: the input row of {@code contextWord} predicts {@code target}.
     *
     * @param negatives negative words (none equal to target) in [0, negativeCount); unused for hs
     * @return the summed loss of the example's predictions before the step
     */
    float skipGram(int contextWord, int target, int[] negatives, int negativeCount, float lr) {
        touchOutputRows(target, negatives, negativeCount);
        touchRow(input, contextWord);
        float[] segment = input.segment(contextWord);
        int row = input.offset(contextWord);
        Arrays.fill(gradient, 0f);
        float loss = predict(segment, row, target, negatives, negativeCount, lr);
        VectorMath.addScaled(1f, gradient, 0, segment, row, dim);
        if (inputUpdates != null) {
            inputUpdates[contextWord]++;
        }
        return loss;
    }

    /**
     * CBOW step: the mean of the input rows of {@code contexts[0..contextCount)} predicts {@code target}.
     *
     * @return the summed loss of the example's predictions before the step
     */
    float cbow(int[] contexts, int contextCount, int target, int[] negatives, int negativeCount, float lr) {
        touchOutputRows(target, negatives, negativeCount);
        for (int c = 0; c < contextCount; c++) {
            touchRow(input, contexts[c]);
        }
        Arrays.fill(hidden, 0f);
        for (int c = 0; c < contextCount; c++) {
            VectorMath.addScaled(1f, input.segment(contexts[c]), input.offset(contexts[c]), hidden, 0, dim);
        }
        float inverse = 1f / contextCount;
        for (int i = 0; i < dim; i++) {
            hidden[i] *= inverse;
        }
        Arrays.fill(gradient, 0f);
        float loss = predict(hidden, 0, target, negatives, negativeCount, lr);
        for (int c = 0; c < contextCount; c++) {
            VectorMath.addScaled(1f, gradient, 0, input.segment(contexts[c]), input.offset(contexts[c]), dim);
            if (inputUpdates != null) {
                inputUpdates[contexts[c]]++;
            }
        }
        return loss;
    }

    /**
     * Reads one value per cache line of each output row the step will use, before using any (the input rows are
     * touched likewise). In a large vocabulary most rows are out of cache; touched together, their misses overlap
     * instead of each row's dot product waiting for its own.
     */
    private void touchOutputRows(int target, int[] negatives, int negativeCount) {
        if (hierarchical) {
            int[] points = tree.points();
            for (int i = tree.pathStart(target), end = tree.pathEnd(target); i < end; i++) {
                touchRow(output, points[i]);
            }
            return;
        }
        touchRow(output, target);
        for (int n = 0; n < negativeCount; n++) {
            touchRow(output, negatives[n]);
        }
    }

    private void touchRow(FloatMatrix matrix, int row) {
        touched += matrix.touch(row);
    }

    private float predict(float[] h, int hOffset, int target, int[] negatives, int negativeCount, float lr) {
        float loss = 0;
        if (hierarchical) {
            byte[] codes = tree.codes();
            int[] points = tree.points();
            for (int i = tree.pathStart(target), end = tree.pathEnd(target); i < end; i++) {
                loss += binaryStep(h, hOffset, points[i], 1 - codes[i], lr);
            }
        } else {
            loss += binaryStep(h, hOffset, target, 1, lr);
            for (int n = 0; n < negativeCount; n++) {
                loss += binaryStep(h, hOffset, negatives[n], 0, lr);
            }
        }
        return loss;
    }

    private float binaryStep(float[] h, int hOffset, int outputRow, int label, float lr) {
        float[] segment = output.segment(outputRow);
        int offset = output.offset(outputRow);
        float f = VectorMath.dot(h, hOffset, segment, offset, dim);
        float g = lr * (label - Sigmoid.sigmoid(f));
        VectorMath.accumulateThenStep(g, segment, offset, h, hOffset, gradient, 0, dim);
        if (outputUpdates != null) {
            outputUpdates[outputRow]++;
        }
        return Sigmoid.negLogSigmoid(label == 1 ? f : -f);
    }
}
