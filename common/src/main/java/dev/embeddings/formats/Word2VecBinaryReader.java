package dev.embeddings.formats;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads word2vec binary rows: {@code word ' ' float32LE*dim}, each optionally followed by {@code '\n'} (word2vec.c
 * writes it, gensim does not).
 */
final class Word2VecBinaryReader extends VectorReader {

    static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    private long rowOffset;

    Word2VecBinaryReader(ByteInput in, String source, int dimension, long declaredCount) {
        super(in, source, dimension, declaredCount);
    }

    @Override
    String location() {
        return "byte " + rowOffset;
    }

    @Override
    public VectorFormat format() {
        return VectorFormat.WORD2VEC_BINARY;
    }

    @Override
    boolean readRow(ByteInput in, float[] values) throws IOException {
        if (in.request(1) && in.buffer()[in.position()] == '\n') {
            in.advance(1);
        }
        rowOffset = in.offset();
        if (rowsRead() == declaredCount()) {
            if (!in.atEnd()) {
                throw error("data after the " + declaredCount() + " words the header promises");
            }
            return false;
        }
        if (in.atEnd()) {
            throw error("truncated: the header promises " + declaredCount() + " words, the file ends after "
                    + rowsRead());
        }
        int space = in.indexOf((byte) ' ', 0, VectorFormat.MAX_WORD_BYTES + 1);
        if (space == -1) {
            throw error("truncated: the file ends inside word " + (rowsRead() + 1) + " of "
                    + declaredCount());
        }
        if (space == -2) {
            throw error("no space within " + VectorFormat.MAX_WORD_BYTES + " bytes: word "
                    + (rowsRead() + 1) + " is too long or the file is not word2vec binary");
        }
        if (space == 0) {
            throw error("empty word (word " + (rowsRead() + 1) + ")");
        }
        int rowBytes = space + 1 + 4 * values.length;
        if (!in.request(rowBytes)) {
            throw error("truncated: the file ends inside the vector of word " + (rowsRead() + 1) + " of "
                    + declaredCount() + " (" + (in.available() - space - 1) + " of " + 4 * values.length
                    + " bytes present)");
        }
        byte[] buf = in.buffer();
        int start = in.position();
        for (int i = start; i < start + space; i++) {
            if (buf[i] == '\n') {
                throw error("word " + (rowsRead() + 1) + " contains a line break");
            }
        }
        int floats = start + space + 1;
        for (int i = 0; i < values.length; i++) {
            float v = (float) FLOAT_LE.get(buf, floats + 4 * i);
            if (!Float.isFinite(v)) {
                throw error("byte " + (in.offset() + space + 1 + 4L * i), "value " + (i + 1) + " of word "
                        + (rowsRead() + 1) + " is " + v);
            }
            values[i] = v;
        }
        accept(buf, start, space);
        in.advance(rowBytes);
        return true;
    }
}
