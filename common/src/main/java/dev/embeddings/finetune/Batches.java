package dev.embeddings.finetune;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * Turns encoded sentences into padded minibatches for {@link Networks}' inputs: token rows {@code [batch, time]}
 * padded with {@link TokenIndex#PADDING}, a {@code [batch, time]} mask with 1 on real tokens, and for the tagger
 * a one-hot casing input {@code [batch, categories, time]}, optionally the words' characters, and per-token
 * one-hot labels {@code [batch, tags, time]}.
 */
public final class Batches {

    /** The characters of a position past a sentence's end (read only). */
    private static final int[] PADDING_WORD = {CharacterIds.PADDING};

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

    /**
     * A tagger's inputs and their masks: token rows and casing one-hot, each masked by the sentence mask, and, for a
     * model with character features, the characters of each word (see {@link #characterMatrix}).
     */
    public record TaggerInput(INDArray[] inputs, INDArray[] masks) {

        /** The {@code [batch, time]} mask of the tokens, 1 on real tokens. */
        public INDArray tokenMask() {
            return masks[0];
        }
    }

    /** Tagging minibatch; {@code tags.get(i)[t]} is the tag of token t of sentence i. */
    public static MultiDataSet tagging(TaggerInput input, List<int[]> tags, int tagCount) {
        int time = (int) input.tokenMask().size(1);
        INDArray labels = Nd4j.create(oneHotSequence(tags, tagCount, time), new long[] {tags.size(), tagCount, time}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(input.inputs(), new INDArray[] {labels}, input.masks(),
                new INDArray[] {input.tokenMask()});
    }

    /**
     * Inputs of the tagger: token rows, casing one-hot and, if {@code characters} is not null, character ids where
     * {@code characters.get(i)[t]} holds the ids of word t of sentence i.
     */
    public static TaggerInput taggerInput(List<int[]> tokens, List<int[]> casing, List<int[][]> characters) {
        int time = maxLength(tokens);
        int categories = Casing.values().length;
        INDArray casingInput = Nd4j.create(oneHotSequence(casing, categories, time),
                new long[] {casing.size(), categories, time}, 'c');
        INDArray mask = mask(tokens, time);
        if (characters == null) {
            return new TaggerInput(new INDArray[] {tokenMatrix(tokens, time), casingInput},
                    new INDArray[] {mask, mask});
        }
        INDArray[] chars = characterMatrix(characters, time);
        return new TaggerInput(new INDArray[] {tokenMatrix(tokens, time), casingInput, chars[0]},
                new INDArray[] {mask, mask, chars[1]});
    }

    /**
     * Character ids {@code [time * batch, chars]} and their mask, one row per (token, sentence) in the order DL4J's
     * feed-forward-to-recurrent reshape reads them back as {@code [batch, features, time]}: row {@code t * batch + i}
     * is word t of sentence i. Rows past a sentence's end hold one unmasked {@link CharacterIds#PADDING}, so that
     * max-pooling over characters sees a value there too.
     */
    static INDArray[] characterMatrix(List<int[][]> characters, int time) {
        int batch = characters.size();
        int width = 1;
        for (int[][] sentence : characters) {
            for (int[] word : sentence) {
                width = Math.max(width, word.length);
            }
        }
        float[] ids = new float[time * batch * width];
        float[] mask = new float[time * batch * width];
        for (int i = 0; i < batch; i++) {
            int[][] sentence = characters.get(i);
            for (int t = 0; t < time; t++) {
                int row = (t * batch + i) * width;
                int[] word = t < sentence.length ? sentence[t] : PADDING_WORD;
                for (int c = 0; c < word.length; c++) {
                    ids[row + c] = word[c];
                    mask[row + c] = 1;
                }
            }
        }
        long[] shape = {(long) time * batch, width};
        return new INDArray[] {Nd4j.create(ids, shape, 'c'), Nd4j.create(mask, shape, 'c')};
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
