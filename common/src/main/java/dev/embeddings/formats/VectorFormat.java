package dev.embeddings.formats;

import java.util.Locale;

/**
 * The word-vector file formats. fastText's {@code .vec} is word2vec text. All list words most frequent first.
 */
public enum VectorFormat {
    /** word2vec.c {@code -binary 1}: header {@code "count dim\n"}, then {@code word + ' ' + dim LE float32 [+ '\n']}. */
    WORD2VEC_BINARY("word2vec-binary", true),
    /** word2vec.c {@code -binary 0}, gensim text and fastText {@code .vec}: header, then {@code word v1 ... vn}. */
    WORD2VEC_TEXT("word2vec-text", true),
    /** GloVe's {@code vectors.txt}: {@code word v1 ... vn} lines without a header. */
    GLOVE_TEXT("glove-text", false);

    /** Largest dimension accepted, so a corrupt header cannot make a reader allocate gigabytes for one row. */
    public static final int MAX_DIMENSION = 1 << 16;
    /** Largest word count accepted: ids are ints. */
    public static final long MAX_WORDS = Integer.MAX_VALUE - 8;
    /** Longest word accepted, in UTF-8 bytes. */
    public static final int MAX_WORD_BYTES = 1 << 16;

    private final String cliName;
    private final boolean hasHeader;

    VectorFormat(String cliName, boolean hasHeader) {
        this.cliName = cliName;
        this.hasHeader = hasHeader;
    }

    /** The name used on command lines and in messages. */
    public String cliName() {
        return cliName;
    }

    /** Whether files start with a {@code "count dim"} line, so writers must know the word count up front. */
    public boolean hasHeader() {
        return hasHeader;
    }

    /**
     * An upper bound on the rows a file of {@code fileBytes} can hold, so a loader can size its arrays from what the
     * file holds rather than from what its header promises.
     */
    public long maxRows(long fileBytes, int dimension) {
        // Smallest possible row: a one-byte word, then 4 bytes per float, or " 0" per value in text.
        long minRowBytes = this == WORD2VEC_BINARY ? 4L * dimension + 2 : 2L * dimension + 1;
        return fileBytes / minRowBytes + 1;
    }

    /** Parses a format name: a {@link #cliName()} or one of the aliases bin, text, vec, fasttext, glove. */
    public static VectorFormat fromName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "word2vec-binary", "bin", "binary" -> {
                return WORD2VEC_BINARY;
            }
            case "word2vec-text", "text", "txt", "vec", "fasttext", "fasttext-vec" -> {
                return WORD2VEC_TEXT;
            }
            case "glove-text", "glove" -> {
                return GLOVE_TEXT;
            }
            default -> throw new IllegalArgumentException("unknown vector format '" + name
                    + "'; expected word2vec-binary (bin), word2vec-text (text, vec, fasttext) or glove-text (glove)");
        }
    }
}
