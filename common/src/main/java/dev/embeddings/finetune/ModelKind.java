package dev.embeddings.finetune;

import java.util.Locale;

/** The downstream models: two sentence classifiers and a sequence tagger. */
public enum ModelKind {
    /** Kim (2014) CNN: filter widths 3/4/5, max-over-time pooling, dropout, softmax. */
    CNN(false),
    /** Baseline: the average of the sentence's word vectors into a softmax layer. */
    AVERAGE(false),
    /** Bidirectional LSTM over word vectors plus casing features, softmax per token. */
    BILSTM(true);

    private final boolean tagger;

    ModelKind(boolean tagger) {
        this.tagger = tagger;
    }

    public boolean isTagger() {
        return tagger;
    }

    public static ModelKind parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model must be cnn, average or bilstm, got '" + name + "'");
        }
    }
}
