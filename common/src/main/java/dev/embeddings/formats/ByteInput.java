package dev.embeddings.formats;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A buffered byte stream the readers parse in place: they look at {@link #buffer()} from {@link #position()},
 * ask for as many bytes as a row needs, and advance. Tracks the byte offset for error messages. The buffer grows
 * only as far as a request needs, so memory follows the data actually present.
 */
final class ByteInput implements Closeable {

    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long bufferStart;
    private boolean eof;

    ByteInput(InputStream in) {
        this.in = in;
    }

    byte[] buffer() {
        return buf;
    }

    int position() {
        return pos;
    }

    /** Bytes available from {@link #position()} without reading more. */
    int available() {
        return limit - pos;
    }

    /** Offset in the stream of {@link #position()}. */
    long offset() {
        return bufferStart + pos;
    }

    void advance(int n) {
        pos += n;
    }

    /**
     * Makes at least {@code n} bytes available from {@link #position()}; returns false if the stream ends first,
     * in which case all remaining bytes are available.
     */
    boolean request(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            bufferStart += pos;
            limit -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(n, 2L * buf.length)));
        }
        while (limit < n && !eof) {
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return limit >= n;
    }

    /** Whether the stream has no byte left at {@link #position()}. */
    boolean atEnd() throws IOException {
        return !request(1);
    }

    /**
     * Where {@code delimiter} first occurs at or after {@code from} bytes past {@link #position()}, relative to
     * {@link #position()}; -1 if the stream ends first, -2 if it is not within {@code maxBytes} of the position.
     */
    int indexOf(byte delimiter, int from, int maxBytes) throws IOException {
        int scanned = from;
        while (true) {
            int end = Math.min(limit, pos + maxBytes);
            for (int i = pos + scanned; i < end; i++) {
                if (buf[i] == delimiter) {
                    return i - pos;
                }
            }
            scanned = Math.max(scanned, end - pos);
            if (scanned >= maxBytes) {
                return -2;
            }
            if (!request(scanned + 1)) {
                return -1;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
