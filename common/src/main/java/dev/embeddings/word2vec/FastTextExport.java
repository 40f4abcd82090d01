package dev.embeddings.word2vec;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.subword.FastTextArgs;
import dev.embeddings.subword.FastTextDictionary;
import dev.embeddings.subword.FastTextModel;

/**
 * A trained subword model as the fastText model it is, for {@link dev.embeddings.subword.FastTextBinary} to write:
 * fastText loads it and composes every word's vector, and any other string's, as we do.
 * <ul>
 *   <li>args: our settings under fastText's names (ws = window, t = sample, neg = negative), one word per word
 *       n-gram and fastText's learning-rate update rate of 100 tokens, which nothing here reads;</li>
 *   <li>the dictionary: the vocabulary with its counts, and the corpus's tokens;</li>
 *   <li>the input matrix as trained, live (V word rows, then the buckets');</li>
 *   <li>the output matrix: live for negative sampling; for hierarchical softmax fastText keeps one row per word,
 *       uses the first V-1 for the Huffman tree's inner nodes (numbered as ours: the same tree from the same counts)
 *       and trains each to predict the code where ours predicts 1 - code, so the export is a copy of our rows
 *       negated, plus a zero row: V x dim floats more.</li>
 * </ul>
 */
public final class FastTextExport {

    /** fastText's default {@code -lrUpdateRate}: recorded, as training here refreshes the rate every sentence. */
    static final int LR_UPDATE_RATE = 100;

    private FastTextExport() {
    }

    /**
     * @param words    the vocabulary, word i owning row i
     * @param counts   their corpus counts
     * @param minCount the corpus's minimum count
     * @param ntokens  the corpus's tokens
     */
    public static FastTextModel of(Word2VecConfig config, Word2VecModel model, String[] words, long[] counts,
                                   long minCount, long ntokens) {
        if (model.subwords() == null) {
            throw new IllegalArgumentException("a fastText model needs subwords (maxn > 0): this model has none");
        }
        FastTextArgs args = new FastTextArgs(config.dim(), config.window(), config.epochs(),
                (int) Math.min(Integer.MAX_VALUE, minCount), config.negative(), 1,
                config.loss() == Word2VecConfig.Loss.HS ? FastTextArgs.Loss.HS : FastTextArgs.Loss.NS,
                config.model() == Word2VecConfig.Architecture.CBOW ? FastTextArgs.Model.CBOW
                        : FastTextArgs.Model.SKIPGRAM,
                config.buckets(), config.minn(), config.maxn(), LR_UPDATE_RATE, config.sample());
        FloatMatrix output = config.loss() == Word2VecConfig.Loss.HS ? fastTextTree(model) : model.output();
        return new FastTextModel(args, new FastTextDictionary(words, counts, ntokens), model.input(), output);
    }

    /** Our hierarchical-softmax rows in fastText's convention: negated, with the unused last row zero. */
    private static FloatMatrix fastTextTree(Word2VecModel model) {
        FloatMatrix ours = model.output();
        FloatMatrix theirs = FloatMatrix.zeros(model.vocabularySize(), model.dim());
        for (int row = 0; row < ours.rows(); row++) {
            float[] from = ours.segment(row);
            float[] to = theirs.segment(row);
            for (int k = 0, a = ours.offset(row), b = theirs.offset(row); k < model.dim(); k++) {
                to[b + k] = -from[a + k];
            }
        }
        return theirs;
    }
}
