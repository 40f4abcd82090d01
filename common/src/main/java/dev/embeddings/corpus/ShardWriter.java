package dev.embeddings.corpus;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one shard in {@link ShardFormat}; sentences longer than the maximum are split. Counts the sentences and
 * tokens written and indexes where the tokens fall ({@link ShardTokenIndex}) for the corpus manifest.
 */
public final class ShardWriter implements Closeable {

    private final OutputStream out;
    private final int maxSentenceLength;
    private final ShardTokenIndex.Builder tokenIndex = new ShardTokenIndex.Builder();
    private boolean closed;

    public ShardWriter(OutputStream out, int maxSentenceLength) throws IOException {
        if (maxSentenceLength < 1) {
            throw new IllegalArgumentException("max sentence length must be at least 1, got " + maxSentenceLength);
        }
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.maxSentenceLength = maxSentenceLength;
        this.out.write(ShardFormat.MAGIC);
        writeVarLong(maxSentenceLength);
    }

    /** Writes {@code ids[0..length)} as one or more sentences of at most the maximum length. */
    public void write(int[] ids, int length) throws IOException {
        for (int start = 0; start < length; start += maxSentenceLength) {
            int n = Math.min(maxSentenceLength, length - start);
            writeVarLong(n);
            for (int i = start; i < start + n; i++) {
                writeVarLong(ids[i]);
            }
            tokenIndex.add(n);
        }
    }

    public long sentences() {
        return tokenIndex.sentences();
    }

    public long tokens() {
        return tokenIndex.tokens();
    }

    public ShardTokenIndex tokenIndex() {
        return tokenIndex.build();
    }

    /** Writes the end record and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writeVarLong(0);
        writeVarLong(sentences());
        writeVarLong(tokens());
        out.close();
    }

    private void writeVarLong(long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
