package dev.embeddings.finetune;

import java.util.Locale;

/** The downstream models: two sentence classifiers and two sequence taggers. */
public enum ModelKind {
    /** Kim (2014) CNN: filter widths 3/4/5, max-over-time pooling, dropout, softmax. */
    CNN(false, false),
    /** Baseline: the average of the sentence's word vectors into a softmax layer. */
    AVERAGE(false, false),
    /** Bidirectional LSTM over word vectors plus casing features, softmax per token. */
    BILSTM(true, false),
    /**
     * BiLSTM-CRF (Ma and Hovy 2016): word vectors, casing features and a character CNN per word into a
     * bidirectional LSTM, then a linear-chain CRF over IOB2 tags, decoded by Viterbi into valid IOB2.
     */
    CRF(true, true);

    private final boolean tagger;
    private final boolean characterFeatures;

    ModelKind(boolean tagger, boolean characterFeatures) {
        this.tagger = tagger;
        this.characterFeatures = characterFeatures;
    }

    public boolean isTagger() {
        return tagger;
    }

    /** Whether the network reads each word's characters besides its vector and casing. */
    public boolean characterFeatures() {
        return characterFeatures;
    }

    public static ModelKind parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model must be cnn, average, bilstm or crf, got '" + name + "'");
        }
    }
}
