package dev.embeddings.subword;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian writes of fastText's native types to a stream, through one buffer; {@link #close} flushes. */
final class BinaryOutput implements Closeable {

    private static final int BUFFER_BYTES = 1 << 20;

    private final OutputStream out;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    BinaryOutput(OutputStream out) {
        this.out = out;
    }

    void int32(int value) throws IOException {
        room(Integer.BYTES).putInt(value);
    }

    void int64(long value) throws IOException {
        room(Long.BYTES).putLong(value);
    }

    void float64(double value) throws IOException {
        room(Double.BYTES).putDouble(value);
    }

    void int8(int value) throws IOException {
        room(1).put((byte) value);
    }

    void bool(boolean value) throws IOException {
        int8(value ? 1 : 0);
    }

    void bytes(byte[] bytes) throws IOException {
        for (int done = 0; done < bytes.length; ) {
            int chunk = Math.min(bytes.length - done, BUFFER_BYTES);
            room(chunk).put(bytes, done, chunk);
            done += chunk;
        }
    }

    /** Writes {@code values[from, from + count)} as little-endian floats. */
    void floats(float[] values, int from, int count) throws IOException {
        for (int done = 0; done < count; ) {
            int chunk = Math.min(count - done, BUFFER_BYTES / Float.BYTES);
            room(chunk * Float.BYTES).asFloatBuffer().put(values, from + done, chunk);
            buffer.position(buffer.position() + chunk * Float.BYTES);
            done += chunk;
        }
    }

    @Override
    public void close() throws IOException {
        try (out) {
            flush();
        }
    }

    private ByteBuffer room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
        return buffer;
    }

    private void flush() throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
