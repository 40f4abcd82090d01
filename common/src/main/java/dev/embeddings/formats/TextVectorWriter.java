package dev.embeddings.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code word v1 ... vn} lines, after a {@code "count dim"} header for word2vec text. Values use Java's
 * shortest round-tripping decimal form, so reading the file back gives the same floats.
 */
final class TextVectorWriter extends VectorWriter {

    private final VectorFormat format;

    TextVectorWriter(OutputStream out, String target, VectorFormat format, int dimension, long count)
            throws IOException {
        super(out, target, dimension, count);
        this.format = format;
        if (format.hasHeader()) {
            out.write(header(count, dimension));
        }
    }

    @Override
    public VectorFormat format() {
        return format;
    }

    @Override
    void writeRow(OutputStream out, String word, float[] vector) throws IOException {
        StringBuilder line = new StringBuilder(word.length() + 12 * vector.length);
        line.append(word);
        for (float v : vector) {
            line.append(' ').append(v);
        }
        line.append('\n');
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }
}
