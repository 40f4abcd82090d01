package dev.embeddings.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * With counting on, every kernel step counts one update of each row it moves (a CBOW context word once per slot
 * it fills, as it moves by one gradient step per slot), and rows it leaves keep their count.
 */
class Word2VecUpdateCountsTest {

    private static final int VOCABULARY = 6;
    private static final int DIM = 4;
    private static final long[] COUNTS = {40, 21, 13, 8, 5, 3};

    @Test
    void skipGramCountsTheContextRowAndEachPredictedOutputRow() {
        int[] negatives = {4, 0};
        assertCounts(Word2VecConfig.Loss.NS, new int[] {0, 1, 0, 0, 0, 0}, new int[] {1, 0, 1, 0, 1, 0},
                kernel -> kernel.skipGram(1, 2, negatives, negatives.length, 0.05f), null);
    }

    @Test
    void cbowCountsEachContextSlotAndEachPredictedOutputRow() {
        int[] negatives = {5, 2};
        assertCounts(Word2VecConfig.Loss.NS, new int[] {0, 2, 0, 1, 0, 0}, new int[] {1, 0, 1, 0, 0, 1},
                kernel -> kernel.cbow(new int[] {1, 3, 1}, 3, 0, negatives, negatives.length, 0.05f), null);
    }

    @Test
    void hierarchicalSoftmaxCountsTheInnerNodesOnTheTargetsPath() {
        HuffmanTree tree = new HuffmanTree(COUNTS);
        int target = 5;
        int[] path = new int[VOCABULARY - 1];
        for (int i = tree.pathStart(target); i < tree.pathEnd(target); i++) {
            path[tree.points()[i]]++;
        }
        assertCounts(Word2VecConfig.Loss.HS, new int[] {1, 0, 0, 0, 0, 0}, path,
                kernel -> kernel.skipGram(0, target, new int[0], 0, 0.05f), tree);
    }

    @Test
    void aModelCountsNothingUntilAsked() {
        Word2VecModel model = Word2VecModel.initialize(VOCABULARY, DIM, Word2VecConfig.Loss.NS, 1);
        assertNull(model.updateCounts()[0]);
        assertNull(model.updateCounts()[1]);
    }

    private static void assertCounts(Word2VecConfig.Loss loss, int[] input, int[] output,
                                     Consumer<Word2VecKernel> step, HuffmanTree tree) {
        Word2VecModel model = Word2VecModel.initialize(VOCABULARY, DIM, loss, 7);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < model.output().segmentArray(0).length; i++) {
            model.output().segmentArray(0)[i] = (float) random.nextDouble(-0.5, 0.5);
        }
        model.countUpdates();
        float[] inputBefore = model.input().segmentArray(0).clone();
        float[] outputBefore = model.output().segmentArray(0).clone();
        step.accept(new Word2VecKernel(model, tree));
        assertArrayEquals(input, model.updateCounts()[0], "input rows");
        assertArrayEquals(output, model.updateCounts()[1], "output rows");
        assertArrayEquals(counted(input), moved(inputBefore, model.input().segmentArray(0)), "input rows counted = rows moved");
        assertArrayEquals(counted(output), moved(outputBefore, model.output().segmentArray(0)), "output rows counted = rows moved");
    }

    private static boolean[] counted(int[] counts) {
        boolean[] counted = new boolean[counts.length];
        for (int r = 0; r < counts.length; r++) {
            counted[r] = counts[r] > 0;
        }
        return counted;
    }

    private static boolean[] moved(float[] before, float[] after) {
        boolean[] moved = new boolean[before.length / DIM];
        for (int r = 0; r < moved.length; r++) {
            for (int k = 0; k < DIM; k++) {
                moved[r] |= before[r * DIM + k] != after[r * DIM + k];
            }
        }
        return moved;
    }
}
