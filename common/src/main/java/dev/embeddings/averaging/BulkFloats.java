package dev.embeddings.averaging;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Float arrays through Java serialization in bulk. ObjectOutputStream writes a float[] one element at a time
 * (Bits.putInt per float); Spark's Java serializer moves the model that way up to three times per averaging round
 * (broadcast, shuffled row blocks, collected sums), which cost more CPU than the training of a short round. Here
 * the floats go through a byte buffer, a chunk at a time, as one bulk copy each way.
 */
final class BulkFloats {

    /** Bytes converted at a time: bounds the extra memory whatever the array's size. */
    private static final int CHUNK_BYTES = 1 << 16;

    private BulkFloats() {
    }

    static void write(ObjectOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer bytes = ByteBuffer.allocate(Math.min(CHUNK_BYTES, 4 * values.length));
        FloatBuffer floats = bytes.asFloatBuffer();
        for (int from = 0; from < values.length; ) {
            int count = Math.min(floats.capacity(), values.length - from);
            floats.clear();
            floats.put(values, from, count);
            out.write(bytes.array(), 0, 4 * count);
            from += count;
        }
    }

    static float[] read(ObjectInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt float array: negative length " + length);
        }
        float[] values = new float[length];
        ByteBuffer bytes = ByteBuffer.allocate(Math.min(CHUNK_BYTES, 4 * length));
        FloatBuffer floats = bytes.asFloatBuffer();
        for (int from = 0; from < length; ) {
            int count = Math.min(floats.capacity(), length - from);
            in.readFully(bytes.array(), 0, 4 * count);
            floats.clear();
            floats.get(values, from, count);
            from += count;
        }
        return values;
    }
}
