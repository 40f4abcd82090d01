package dev.embeddings.glove;

/** Which trained parameters make the published vector of a word. */
public enum OutputVectors {
    /** Word plus context vector, W + W~: GloVe's default, usually a little better on analogies. */
    WORD_PLUS_CONTEXT,
    /** The word vector W alone. */
    WORD
}
