package dev.embeddings.subword;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Little-endian reads of fastText's native types from a file, through one buffer, with the byte offset and the
 * file's remaining length at hand for checks and messages: every read names what it reads, so a file that ends
 * early fails as "truncated" with the field it ended in.
 */
final class BinaryInput implements Closeable {

    private static final int BUFFER_BYTES = 1 << 20;

    private final ReadableByteChannel channel;
    private final String source;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN).limit(0);
    private long bufferStart;

    BinaryInput(Path file) throws IOException {
        FileChannel opened = FileChannel.open(file, StandardOpenOption.READ);
        this.channel = opened;
        this.source = file.toString();
        this.size = opened.size();
    }

    /**
     * Reads {@code channel} (closed by {@link #close()}) of {@code size} bytes, from any file system; {@code source}
     * names it in errors. A channel that cannot seek is read through where {@link #skip} passes over bytes.
     */
    BinaryInput(ReadableByteChannel channel, long size, String source) {
        this.channel = channel;
        this.source = source;
        this.size = size;
    }

    /** Offset of the next byte to read. */
    long offset() {
        return bufferStart + buffer.position();
    }

    /** Bytes from {@link #offset()} to the end of the file. */
    long remaining() {
        return size - offset();
    }

    /** An exception naming the file, the current offset and {@code problem}. */
    FastTextFormatException error(String problem) {
        return errorAt(offset(), problem);
    }

    /** An exception naming the file, {@code offset} (where the field in question starts) and {@code problem}. */
    FastTextFormatException errorAt(long offset, String problem) {
        return new FastTextFormatException(source, offset, problem);
    }

    int int32(String what) throws IOException {
        require(Integer.BYTES, what);
        return buffer.getInt();
    }

    long int64(String what) throws IOException {
        require(Long.BYTES, what);
        return buffer.getLong();
    }

    double float64(String what) throws IOException {
        require(Double.BYTES, what);
        return buffer.getDouble();
    }

    byte int8(String what) throws IOException {
        require(1, what);
        return buffer.get();
    }

    /** A C++ {@code bool}: one byte, 0 or 1. */
    boolean bool(String what) throws IOException {
        byte value = int8(what);
        if (value != 0 && value != 1) {
            buffer.position(buffer.position() - 1);
            throw error(what + " is " + value + ", expected 0 or 1 (a bool)");
        }
        return value == 1;
    }

    /** Bytes up to a zero byte, which is consumed; at most {@code maxBytes} before it. */
    byte[] zeroTerminated(int maxBytes, String what) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            require(1, what);
            int start = buffer.position();
            int end = buffer.limit();
            int zero = start;
            while (zero < end && buffer.get(zero) != 0) {
                zero++;
            }
            bytes.write(buffer.array(), start, zero - start);
            if (bytes.size() > maxBytes) {
                throw error(what + " has no zero byte within " + maxBytes + " bytes");
            }
            if (zero < end) {
                buffer.position(zero + 1);
                return bytes.toByteArray();
            }
            buffer.position(end);
        }
    }

    /** Fills {@code values[from, from + count)} with little-endian floats. */
    void floats(float[] values, int from, int count, String what) throws IOException {
        int done = 0;
        while (done < count) {
            int chunk = Math.min(count - done, BUFFER_BYTES / Float.BYTES);
            require(chunk * Float.BYTES, what);
            buffer.asFloatBuffer().get(values, from + done, chunk);
            buffer.position(buffer.position() + chunk * Float.BYTES);
            done += chunk;
        }
    }

    /** Passes over {@code bytes} bytes without reading them. */
    void skip(long bytes, String what) throws IOException {
        if (bytes > remaining()) {
            throw truncated(bytes, what);
        }
        if (bytes <= buffer.remaining()) {
            buffer.position(buffer.position() + (int) bytes);
            return;
        }
        long target = offset() + bytes;
        if (channel instanceof SeekableByteChannel seekable) {
            seekable.position(target);
        } else {
            for (long left = target - (bufferStart + buffer.limit()); left > 0; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                int read = channel.read(buffer);
                if (read < 0) {
                    throw truncated(bytes, what);
                }
                left -= read;
            }
        }
        bufferStart = target;
        buffer.limit(0);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void require(int bytes, String what) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        if (bytes > remaining()) {
            throw truncated(bytes, what);
        }
        bufferStart = offset();
        buffer.compact();
        while (buffer.position() < bytes) {
            if (channel.read(buffer) < 0) {
                buffer.flip();
                throw truncated(bytes, what);
            }
        }
        buffer.flip();
    }

    private FastTextFormatException truncated(long bytes, String what) {
        return error("truncated: " + what + " needs " + bytes + " bytes, the file ends after " + remaining());
    }
}
