package dev.embeddings.formats;

import dev.embeddings.io.Utf8Decoder;
import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the rows of a vector file: {@link #next()} advances, {@link #word()} and {@link #vector()} give the
 * current row. The vector is one buffer reused for every row. Every row is validated (value count, finite values,
 * UTF-8, no duplicate word, file length agreeing with the header) and a violation throws a
 * {@link VectorFormatException} naming the file and the line or byte offset. Memory grows with the rows read (the
 * index of words seen, for the duplicate check), never with what a header promises.
 *
 * <p>Open one with {@link VectorFiles}. Closing the reader closes its stream.
 */
public abstract class VectorReader implements Closeable {

    private final ByteInput in;
    private final String source;
    private final int dimension;
    private final long declaredCount;
    private final float[] vector;
    private final WordIndex index = new WordIndex();
    private final Utf8Decoder decoder = new Utf8Decoder();
    private String word;
    private int rows;

    VectorReader(ByteInput in, String source, int dimension, long declaredCount) {
        this.in = in;
        this.source = source;
        this.dimension = dimension;
        this.declaredCount = declaredCount;
        this.vector = new float[dimension];
    }

    public abstract VectorFormat format();

    /** The name of the file, as used in error messages. */
    public final String source() {
        return source;
    }

    public final int dimension() {
        return dimension;
    }

    /** The word count the header promises, or -1 when the format has no header. */
    public final long declaredCount() {
        return declaredCount;
    }

    /** Rows read so far; the current row is number {@code rowsRead() - 1}. */
    public final int rowsRead() {
        return rows;
    }

    /** The words read so far, each mapped to its row number. */
    public final WordIndex wordIndex() {
        return index;
    }

    public final String word() {
        return word;
    }

    /** The current row's values: a buffer overwritten by the next call to {@link #next()}. */
    public final float[] vector() {
        return vector;
    }

    /** Moves to the next row; false once the file has ended (where the header said it would). */
    public final boolean next() throws IOException {
        word = null;
        return readRow(in, vector);
    }

    /** Hands every remaining row to {@code consumer}; returns how many. */
    public final long forEach(VectorRowConsumer consumer) throws IOException {
        long n = 0;
        while (next()) {
            consumer.accept(word, vector);
            n++;
        }
        return n;
    }

    /** Reads one row into {@code values} and calls {@link #accept}, or returns false at a valid end of file. */
    abstract boolean readRow(ByteInput in, float[] values) throws IOException;

    /** Where the current row starts, for messages: "byte N" or "line N". Built only when an error needs it. */
    abstract String location();

    /** Decodes and registers the row's word, rejecting invalid UTF-8 and duplicates. */
    final void accept(byte[] bytes, int from, int length) throws VectorFormatException {
        long invalidBefore = decoder.invalidSequences();
        String decoded = decoder.decode(bytes, from, length);
        if (decoder.invalidSequences() != invalidBefore) {
            throw error("word is not valid UTF-8: '" + abbreviate(decoded) + "'");
        }
        if (rows == VectorFormat.MAX_WORDS) {
            throw error("more than " + VectorFormat.MAX_WORDS + " words");
        }
        int first = index.putIfAbsent(decoded, rows);
        if (first >= 0) {
            throw error("duplicate word '" + abbreviate(decoded) + "' (word " + (rows + 1)
                    + ", first seen as word " + (first + 1) + ")");
        }
        word = decoded;
        rows++;
    }

    /** An error at the current row's {@link #location()}. */
    final VectorFormatException error(String problem) {
        return error(location(), problem);
    }

    final VectorFormatException error(String where, String problem) {
        return new VectorFormatException(source, where, problem);
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
