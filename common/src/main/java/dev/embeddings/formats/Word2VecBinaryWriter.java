package dev.embeddings.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes word2vec binary exactly as word2vec.c does: {@code word ' ' float32LE*dim '\n'}. */
final class Word2VecBinaryWriter extends VectorWriter {

    Word2VecBinaryWriter(OutputStream out, String target, int dimension, long count) throws IOException {
        super(out, target, dimension, count);
        out.write(header(count, dimension));
    }

    @Override
    public VectorFormat format() {
        return VectorFormat.WORD2VEC_BINARY;
    }

    @Override
    void writeRow(OutputStream out, String word, float[] vector) throws IOException {
        out.write(word.getBytes(StandardCharsets.UTF_8));
        out.write(' ');
        byte[] row = new byte[4 * vector.length + 1];
        row[row.length - 1] = '\n';
        for (int i = 0; i < vector.length; i++) {
            Word2VecBinaryReader.FLOAT_LE.set(row, 4 * i, vector[i]);
        }
        out.write(row);
    }
}
