package dev.embeddings.finetune;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinibatchesTest {

    private static final int BATCH = 10;

    @Test
    void epochHoldsEveryExampleOnceInLengthBucketsWithLittlePaddingAndTheShortMinibatchLast() {
        // Sentence i has 1 + (i * 37) % 60 copies of word "w<i % 7>" and label i % 2: lengths 1..60 in no order.
        List<LabeledText> examples = new ArrayList<>();
        for (int i = 0; i < 1005; i++) {
            examples.add(new LabeledText(String.valueOf(i % 2),
                    new ArrayList<>(Collections.nCopies(1 + (i * 37) % 60, "w" + i % 7))));
        }
        ClassificationTask task = new ClassificationTask(
                TokenIndex.build(TokenIndex.count(examples.stream().map(LabeledText::tokens).toList()), Map.of(), 1,
                        w -> false), List.of("0", "1"));

        List<MultiDataSet> epoch = task.batches(examples, BATCH, new Random(1));

        long realTokens = examples.stream().mapToLong(e -> e.tokens().size()).sum();
        long paddedTokens = 0;
        long maskedTokens = 0;
        int[] perLabel = new int[2];
        int[] perLength = new int[61];
        for (MultiDataSet batch : epoch) {
            INDArray mask = batch.getFeaturesMaskArray(0);
            paddedTokens += mask.length();
            maskedTokens += mask.sumNumber().longValue();
            INDArray labels = batch.getLabels(0);
            for (int i = 0; i < labels.rows(); i++) {
                perLabel[labels.getInt(i, 1)]++;
                perLength[mask.getRow(i).sumNumber().intValue()]++;
            }
        }
        assertEquals(101, epoch.size());
        // The short minibatch comes last: DL4J-Spark merges a short minibatch with the next, of another length.
        assertEquals(5, epoch.get(100).getLabels(0).rows());
        assertEquals(realTokens, maskedTokens);
        assertArrayEquals(new int[] {503, 502}, perLabel);
        int[] expectedLengths = new int[61];
        examples.forEach(e -> expectedLengths[e.tokens().size()]++);
        assertArrayEquals(expectedLengths, perLength);
        // Random minibatches of 10 over lengths 1..60 pad to ~1.7x the real tokens; buckets keep it near 1.
        assertTrue(paddedTokens < 1.1 * realTokens, paddedTokens + " padded for " + realTokens + " real tokens");

        // Another epoch is another order, and minibatch lengths are not sorted (buckets are shuffled).
        List<MultiDataSet> next = task.batches(examples, BATCH, new Random(2));
        assertNotEquals(epoch.get(0).getFeatures(0), next.get(0).getFeatures(0));
        long longerThanNext = 0;
        for (int i = 0; i + 1 < epoch.size(); i++) {
            if (epoch.get(i).getFeatures(0).size(1) > epoch.get(i + 1).getFeatures(0).size(1)) {
                longerThanNext++;
            }
        }
        assertTrue(longerThanNext > 20, longerThanNext + " of 100 minibatches longer than their successor");
    }
}
