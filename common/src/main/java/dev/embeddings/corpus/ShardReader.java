package dev.embeddings.corpus;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Streams the sentences of one shard ({@link ShardFormat}) into a reused buffer, so a shard of any size is read in
 * constant memory. Fails with the shard's name on a bad magic, an id outside the vocabulary, or a truncated file.
 */
public final class ShardReader implements Closeable {

    private final InputStream in;
    /** Own read buffer: BufferedInputStream.read() takes a lock per byte, and a shard is read byte by byte. */
    private final byte[] bytes = new byte[1 << 16];
    private int bytePosition;
    private int byteLimit;
    private final String source;
    private final int vocabularySize;
    private final int maxSentenceLength;
    private final int[] buffer;
    private long sentences;
    private long tokens;
    private boolean ended;

    /**
     * @param vocabularySize ids must be below it (pass {@code Integer.MAX_VALUE} to skip the check)
     */
    public ShardReader(InputStream in, String source, int vocabularySize) throws IOException {
        this.in = in;
        this.source = source;
        this.vocabularySize = vocabularySize;
        byte[] magic = new byte[ShardFormat.MAGIC.length];
        for (int i = 0; i < magic.length; i++) {
            int b = readByte();
            if (b < 0) {
                throw new IOException(source + ": not a corpus shard (shorter than its magic bytes)");
            }
            magic[i] = (byte) b;
        }
        if (!Arrays.equals(magic, ShardFormat.MAGIC)) {
            throw new IOException(source + ": not a corpus shard (bad magic bytes)");
        }
        long max = readVarLong();
        if (max < 1 || max > (1 << 24)) {
            throw new IOException(source + ": implausible maximum sentence length " + max);
        }
        this.maxSentenceLength = (int) max;
        this.buffer = new int[maxSentenceLength];
    }

    public int maxSentenceLength() {
        return maxSentenceLength;
    }

    /**
     * Reads the next sentence into {@link #ids()} and returns its length, or -1 at the end of the shard. The
     * buffer is overwritten by the next call.
     */
    public int next() throws IOException {
        if (ended) {
            return -1;
        }
        long n = readVarLong();
        if (n == 0) {
            long declaredSentences = readVarLong();
            long declaredTokens = readVarLong();
            if (declaredSentences != sentences || declaredTokens != tokens) {
                throw new IOException(source + ": end record says " + declaredSentences + " sentences / "
                        + declaredTokens + " tokens, read " + sentences + " / " + tokens);
            }
            ended = true;
            return -1;
        }
        if (n > maxSentenceLength) {
            throw new IOException(source + ": sentence " + (sentences + 1) + " has length " + n
                    + ", above the shard's maximum " + maxSentenceLength);
        }
        for (int i = 0; i < n; i++) {
            long id = readVarLong();
            if (id >= vocabularySize) {
                throw new IOException(source + ": word id " + id + " in sentence " + (sentences + 1)
                        + " is outside the vocabulary of " + vocabularySize + " words");
            }
            buffer[i] = (int) id;
        }
        sentences++;
        tokens += n;
        return (int) n;
    }

    /** The buffer {@link #next()} fills. */
    public int[] ids() {
        return buffer;
    }

    public long sentencesRead() {
        return sentences;
    }

    public long tokensRead() {
        return tokens;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private long readVarLong() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            if (b < 0) {
                throw new IOException(source + ": truncated shard (ends after " + sentences
                        + " sentences without its end record)");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException(source + ": corrupt varint after " + sentences + " sentences");
    }

    /** The next byte of the stream, or -1 at its end. */
    private int readByte() throws IOException {
        if (bytePosition == byteLimit) {
            int n = in.read(bytes);
            if (n <= 0) {
                return -1;
            }
            bytePosition = 0;
            byteLimit = n;
        }
        return bytes[bytePosition++] & 0xFF;
    }
}
