package dev.embeddings.corpus;

import dev.embeddings.io.Utf8Decoder;

/**
 * Turns raw input records (UTF-8 bytes of a line, or of a piece of a very long line) into tokens, keeping the
 * counts a corpus manifest reports. One instance per task/thread.
 */
public final class DocumentTokenizer {

    private final Utf8Decoder decoder = new Utf8Decoder();
    private final Tokenizer tokenizer;
    private long records;
    private long bytes;
    private long tokens;

    public DocumentTokenizer(boolean lowercase, int maxTokenLength) {
        this.tokenizer = new Tokenizer(lowercase, maxTokenLength);
    }

    /** Tokenizes one record and returns the number of tokens handed to {@code sink}. */
    public int tokenize(byte[] utf8, int length, Tokenizer.TokenSink sink) {
        records++;
        bytes += length;
        int n = tokenizer.tokenize(decoder.decode(utf8, 0, length), sink);
        tokens += n;
        return n;
    }

    public long records() {
        return records;
    }

    public long bytes() {
        return bytes;
    }

    public long tokens() {
        return tokens;
    }

    public long invalidUtf8() {
        return decoder.invalidSequences();
    }

    public long droppedLongTokens() {
        return tokenizer.droppedLongTokens();
    }
}
