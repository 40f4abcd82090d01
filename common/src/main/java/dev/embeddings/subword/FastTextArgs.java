package dev.embeddings.subword;

import dev.embeddings.formats.VectorFormat;

/**
 * The hyperparameters a fastText {@code .bin} model stores, in the order and with the meaning of fastText's
 * {@code Args::save}. Only unsupervised models (cbow, skipgram) are represented: a supervised model's dictionary
 * holds labels and its output matrix has one row per label, which nothing here reads.
 *
 * @param dim vector size
 * @param ws context window size
 * @param epoch passes over the corpus
 * @param minCount least number of occurrences of a word in the vocabulary
 * @param neg negatives sampled per example
 * @param wordNgrams longest word n-gram (1 = words only)
 * @param loss the output layer's loss
 * @param model cbow or skipgram
 * @param bucket rows of character n-grams, after the words' rows (0 when there are none)
 * @param minn shortest character n-gram
 * @param maxn longest character n-gram (0 = none)
 * @param lrUpdateRate tokens between learning-rate updates
 * @param t subsampling threshold
 */
public record FastTextArgs(int dim, int ws, int epoch, int minCount, int neg, int wordNgrams, Loss loss, Model model,
                           int bucket, int minn, int maxn, int lrUpdateRate, double t) {

    /** fastText's {@code loss_name}, stored as its int code. */
    public enum Loss {
        HS(1), NS(2), SOFTMAX(3), OVA(4);

        private final int code;

        Loss(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The loss stored as {@code code}; throws {@link IllegalArgumentException} for any other number. */
        public static Loss of(int code) {
            for (Loss loss : values()) {
                if (loss.code == code) {
                    return loss;
                }
            }
            throw new IllegalArgumentException("unknown loss code " + code + " (fastText has 1 = hs, 2 = ns, "
                    + "3 = softmax, 4 = ova)");
        }
    }

    /** fastText's {@code model_name} for the unsupervised models, stored as its int code (3 is supervised). */
    public enum Model {
        CBOW(1), SKIPGRAM(2);

        private static final int SUPERVISED = 3;

        private final int code;

        Model(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The model stored as {@code code}; throws {@link IllegalArgumentException} for supervised or unknown. */
        public static Model of(int code) {
            for (Model model : values()) {
                if (model.code == code) {
                    return model;
                }
            }
            if (code == SUPERVISED) {
                throw new IllegalArgumentException("a supervised model (model code 3; every .ftz model is one): "
                        + "only unsupervised models (1 = cbow, 2 = skipgram) are supported");
            }
            throw new IllegalArgumentException("unknown model code " + code + " (fastText has 1 = cbow, "
                    + "2 = skipgram, 3 = supervised)");
        }
    }

    /** Checks what reading and composing vectors depend on: the size and the character n-gram settings. */
    public FastTextArgs {
        if (dim < 1 || dim > VectorFormat.MAX_DIMENSION) {
            throw new IllegalArgumentException("dim must be between 1 and " + VectorFormat.MAX_DIMENSION + ", got "
                    + dim);
        }
        if (loss == null || model == null) {
            throw new IllegalArgumentException("loss and model are required");
        }
        CharNgrams.checkRange(minn, maxn, bucket);
    }

    /**
     * A skipgram model with fastText's defaults for everything but the vector size and the character n-grams
     * ({@code fasttext skipgram -dim dim -minn minn -maxn maxn -bucket bucket}).
     */
    public static FastTextArgs skipgram(int dim, int minn, int maxn, int bucket) {
        return new FastTextArgs(dim, 5, 5, 5, 5, 1, Loss.NS, Model.SKIPGRAM, bucket, minn, maxn, 100, 1e-4);
    }

    /** The character n-grams these settings define. */
    public CharNgrams charNgrams() {
        return new CharNgrams(minn, maxn, bucket);
    }
}
