package dev.embeddings.finetune;

import java.util.Locale;

/** How the embedding layer starts and whether it trains. */
public enum EmbeddingMode {
    /** Random vectors, trained with the task (the no-pretraining baseline). */
    RANDOM,
    /** Pretrained vectors, frozen: the task only trains the layers above. */
    STATIC,
    /** Pretrained vectors, trained further with the task. */
    FINE_TUNE;

    public boolean usesPretrained() {
        return this != RANDOM;
    }

    public boolean trainable() {
        return this != STATIC;
    }

    /** Parses {@code random}, {@code static} or {@code fine-tune}. */
    public static EmbeddingMode parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("embedding mode must be random, static or fine-tune, got '" + name + "'");
        }
    }
}
