package dev.embeddings.subword;

import dev.embeddings.matrix.FloatMatrix;

/**
 * An unsupervised fastText model as its {@code .bin} file holds it: the hyperparameters, the words, the input matrix
 * (one row per word, then {@code bucket} rows of character n-grams: the vectors) and the output matrix (one row per
 * word: the context vectors negative sampling or the softmax trained). The matrices are live, not copied.
 */
public record FastTextModel(FastTextArgs args, FastTextDictionary dictionary, FloatMatrix input, FloatMatrix output) {

    /** Checks that both matrices have the shapes fastText gives them: {@code nwords + bucket} and {@code nwords}. */
    public FastTextModel {
        long inputRows = (long) dictionary.size() + args.bucket();
        if (input.rows() != inputRows || input.width() != args.dim()) {
            throw new IllegalArgumentException("the input matrix is " + input.rows() + " x " + input.width()
                    + "; " + dictionary.size() + " words and " + args.bucket() + " buckets of dimension "
                    + args.dim() + " need " + inputRows + " x " + args.dim());
        }
        if (output.rows() != dictionary.size() || output.width() != args.dim()) {
            throw new IllegalArgumentException("the output matrix is " + output.rows() + " x " + output.width()
                    + "; " + dictionary.size() + " words of dimension " + args.dim() + " need "
                    + dictionary.size() + " x " + args.dim());
        }
    }

    /** The word vectors this model defines, for any string (see {@link SubwordVectors}). */
    public SubwordVectors vectors() {
        return new SubwordVectors(dictionary, args.charNgrams(), input);
    }
}
