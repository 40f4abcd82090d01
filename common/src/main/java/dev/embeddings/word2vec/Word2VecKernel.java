package dev.embeddings.word2vec;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.subword.SubwordRows;
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
 * With subwords ({@link Word2VecModel#subwords()}) the steps are fastText's unsupervised ones ({@code Model::update}):
 * a word's input is the mean of all its rows, its own and its character n-grams'; skip-gram's h is that of the word
 * given, CBOW's the mean over every row of every context word (a row listed twice counts twice), and the accumulated
 * gradient is added undivided to each row averaged, once per listing (fastText divides it only for supervised
 * models).
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
    private final SubwordRows subwords;
    private final int[] subwordRows;
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
        this.subwords = model.subwords();
        this.subwordRows = subwords == null ? null : subwords.rows();
    }

    /** Binary predictions one example of {@code target} makes; {@code negativeCount} is ignored for hs. */
    int predictions(int target, int negativeCount) {
        return hierarchical ? tree.codeLength(target) : 1 + negativeCount;
    }

    /**
     * Skip-gram step: the input row of {@code inputWord} (with subwords, the mean of its rows) predicts
     * {@code target}. The worker passes a context word as word2vec.c does, the centre word with subwords as fastText
     * does.
     *
     * @param negatives negative words (none equal to target) in [0, negativeCount); unused for hs
     * @return the summed loss of the example's predictions before the step
     */
    float skipGram(int inputWord, int target, int[] negatives, int negativeCount, float lr) {
        if (subwords != null) {
            return skipGramSubwords(inputWord, target, negatives, negativeCount, lr);
        }
        touchOutputRows(target, negatives, negativeCount);
        touchRow(input, inputWord);
        float[] segment = input.segment(inputWord);
        int row = input.offset(inputWord);
        Arrays.fill(gradient, 0f);
        float loss = predict(segment, row, target, negatives, negativeCount, lr);
        VectorMath.addScaled(1f, gradient, 0, segment, row, dim);
        if (inputUpdates != null) {
            inputUpdates[inputWord]++;
        }
        return loss;
    }

    /**
     * CBOW step: the mean of the input rows of {@code contexts[0..contextCount)} (with subwords, of all their rows)
     * predicts {@code target}.
     *
     * @return the summed loss of the example's predictions before the step
     */
    float cbow(int[] contexts, int contextCount, int target, int[] negatives, int negativeCount, float lr) {
        if (subwords != null) {
            return cbowSubwords(contexts, contextCount, target, negatives, negativeCount, lr);
        }
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

    private float skipGramSubwords(int word, int target, int[] negatives, int negativeCount, float lr) {
        touchOutputRows(target, negatives, negativeCount);
        int from = subwords.start(word);
        int to = subwords.end(word);
        touchInputRows(from, to);
        Arrays.fill(hidden, 0f);
        addInputRows(from, to);
        scaleHidden(to - from);
        Arrays.fill(gradient, 0f);
        float loss = predict(hidden, 0, target, negatives, negativeCount, lr);
        addGradient(from, to);
        return loss;
    }

    private float cbowSubwords(int[] contexts, int contextCount, int target, int[] negatives, int negativeCount,
                               float lr) {
        touchOutputRows(target, negatives, negativeCount);
        for (int c = 0; c < contextCount; c++) {
            touchInputRows(subwords.start(contexts[c]), subwords.end(contexts[c]));
        }
        Arrays.fill(hidden, 0f);
        int rows = 0;
        for (int c = 0; c < contextCount; c++) {
            int from = subwords.start(contexts[c]);
            int to = subwords.end(contexts[c]);
            addInputRows(from, to);
            rows += to - from;
        }
        scaleHidden(rows);
        Arrays.fill(gradient, 0f);
        float loss = predict(hidden, 0, target, negatives, negativeCount, lr);
        for (int c = 0; c < contextCount; c++) {
            addGradient(subwords.start(contexts[c]), subwords.end(contexts[c]));
        }
        return loss;
    }

    private void touchInputRows(int from, int to) {
        for (int i = from; i < to; i++) {
            touchRow(input, subwordRows[i]);
        }
    }

    /** hidden += each input row listed in {@code subwordRows[from, to)}. */
    private void addInputRows(int from, int to) {
        for (int i = from; i < to; i++) {
            int row = subwordRows[i];
            VectorMath.addScaled(1f, input.segment(row), input.offset(row), hidden, 0, dim);
        }
    }

    /** Divides the summed rows in hidden by their number as fastText does: times the float nearest 1 / rows. */
    private void scaleHidden(int rows) {
        float inverse = (float) (1.0 / rows);
        for (int i = 0; i < dim; i++) {
            hidden[i] *= inverse;
        }
    }

    /** Adds the accumulated gradient to each input row listed in {@code subwordRows[from, to)}, counting each. */
    private void addGradient(int from, int to) {
        for (int i = from; i < to; i++) {
            int row = subwordRows[i];
            VectorMath.addScaled(1f, gradient, 0, input.segment(row), input.offset(row), dim);
            if (inputUpdates != null) {
                inputUpdates[row]++;
            }
        }
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
