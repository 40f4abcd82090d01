package dev.embeddings.formats;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes vector rows one at a time, in the order given (callers pass words most frequent first). Rejects rows that
 * no reader would accept back: an empty word or one containing whitespace, a vector of the wrong length, a
 * non-finite value. Formats with a header need the word count up front; {@link #close()} checks it was met.
 *
 * <p>Open one with {@link VectorFiles}. Closing the writer closes its stream.
 */
public abstract class VectorWriter implements Closeable {

    private final OutputStream out;
    private final String target;
    private final int dimension;
    private final long count;
    private long rows;

    VectorWriter(OutputStream out, String target, int dimension, long count) {
        this.out = out;
        this.target = target;
        this.dimension = dimension;
        this.count = count;
    }

    public abstract VectorFormat format();

    public final int dimension() {
        return dimension;
    }

    public final long rowsWritten() {
        return rows;
    }

    public final void write(String word, float[] vector) throws IOException {
        if (count >= 0 && rows == count) {
            throw new IllegalStateException(target + ": more rows than the " + count + " declared");
        }
        checkWord(word);
        if (vector.length != dimension) {
            throw new IllegalArgumentException(target + ": vector of '" + word + "' has " + vector.length
                    + " values, expected " + dimension);
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException(target + ": value " + (i + 1) + " of '" + word + "' is "
                        + vector[i]);
            }
        }
        writeRow(out, word, vector);
        rows++;
    }

    private void checkWord(String word) {
        if (word.isEmpty()) {
            throw new IllegalArgumentException(target + ": empty word (row " + (rows + 1) + ")");
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                throw new IllegalArgumentException(target + ": word '" + word + "' contains whitespace (row "
                        + (rows + 1) + "), which these formats use as a separator");
            }
        }
    }

    abstract void writeRow(OutputStream out, String word, float[] vector) throws IOException;

    /** Flushes and closes the stream; fails if fewer rows were written than the header declared. */
    @Override
    public void close() throws IOException {
        try (out) {
            out.flush();
        }
        if (count >= 0 && rows != count) {
            throw new IOException(target + ": header declares " + count + " words but " + rows + " were written");
        }
    }

    static byte[] header(long count, int dimension) {
        return (count + " " + dimension + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
