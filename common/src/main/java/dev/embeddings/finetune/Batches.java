package dev.embeddings.finetune;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * Turns encoded sentences into padded minibatches for {@link Networks}' inputs: token rows {@code [batch, time]}
 * padded with {@link TokenIndex#PADDING}, a {@code [batch, time]} mask with 1 on real tokens, and for the tagger
 * a one-hot casing input {@code [batch, categories, time]} and per-token one-hot labels {@code [batch, tags, time]}.
 */
public final class Batches {

    private Batches() {
    }

    /** Sentence-classification minibatch; {@code labels[i]} is the class of {@code tokens.get(i)}. */
    public static MultiDataSet classification(List<int[]> tokens, int[] labels, int classes) {
        INDArray[] features = classificationFeatures(tokens);
        float[] oneHot = new float[tokens.size() * classes];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes + labels[i]] = 1;
        }
        INDArray labelMatrix = Nd4j.create(oneHot, new long[] {tokens.size(), classes}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {features[0]}, new INDArray[] {labelMatrix},
                new INDArray[] {features[1]}, null);
    }

    /** Inputs of a classifier: {token rows, mask}. */
    public static INDArray[] classificationFeatures(List<int[]> tokens) {
        int time = maxLength(tokens);
        return new INDArray[] {tokenMatrix(tokens, time), mask(tokens, time)};
    }

    /** Tagging minibatch; {@code tags.get(i)[t]} is the tag of token t of sentence i. */
    public static MultiDataSet tagging(List<int[]> tokens, List<int[]> casing, List<int[]> tags, int tagCount) {
        INDArray[] features = taggingFeatures(tokens, casing);
        int time = (int) features[0].size(1);
        INDArray labels = Nd4j.create(oneHotSequence(tags, tagCount, time), new long[] {tags.size(), tagCount, time}, 'c');
        INDArray mask = features[2];
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {features[0], features[1]},
                new INDArray[] {labels}, new INDArray[] {mask, mask}, new INDArray[] {mask});
    }

    /** Inputs of the tagger: {token rows, casing one-hot, mask}. */
    public static INDArray[] taggingFeatures(List<int[]> tokens, List<int[]> casing) {
        int time = maxLength(tokens);
        int categories = Casing.values().length;
        INDArray casingInput = Nd4j.create(oneHotSequence(casing, categories, time),
                new long[] {casing.size(), categories, time}, 'c');
        return new INDArray[] {tokenMatrix(tokens, time), casingInput, mask(tokens, time)};
    }

    private static int maxLength(List<int[]> sentences) {
        int max = 1;
        for (int[] s : sentences) {
            max = Math.max(max, s.length);
        }
        return max;
    }

    private static INDArray tokenMatrix(List<int[]> tokens, int time) {
        float[] values = new float[tokens.size() * time];
        for (int i = 0; i < tokens.size(); i++) {
            int[] sentence = tokens.get(i);
            for (int t = 0; t < sentence.length; t++) {
                values[i * time + t] = sentence[t];
            }
        }
        return Nd4j.create(values, new long[] {tokens.size(), time}, 'c');
    }

    private static INDArray mask(List<int[]> tokens, int time) {
        float[] values = new float[tokens.size() * time];
        for (int i = 0; i < tokens.size(); i++) {
            Arrays.fill(values, i * time, i * time + tokens.get(i).length, 1f);
        }
        return Nd4j.create(values, new long[] {tokens.size(), time}, 'c');
    }

    /** {@code [sentences, categories, time]} one-hot of per-token category ids, zero at padding. */
    private static float[] oneHotSequence(List<int[]> ids, int categories, int time) {
        float[] values = new float[ids.size() * categories * time];
        for (int i = 0; i < ids.size(); i++) {
            int[] sentence = ids.get(i);
            for (int t = 0; t < sentence.length; t++) {
                values[(i * categories + sentence[t]) * time + t] = 1;
            }
        }
        return values;
    }
}
