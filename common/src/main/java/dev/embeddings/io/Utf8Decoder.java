package dev.embeddings.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8, replacing each malformed or unmappable byte sequence by U+FFFD and counting it, so a corpus with
 * a few bad bytes is processed rather than rejected, and the count can be reported.
 *
 * <p>Not thread-safe: one instance per thread (it reuses its decoder and buffer).
 */
public final class Utf8Decoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer out = CharBuffer.allocate(1024);
    private long invalidSequences;

    public String decode(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        if (out.capacity() < length) {
            out = CharBuffer.allocate(length);
        }
        out.clear();
        decoder.reset();
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            if (result.isOverflow()) {
                // UTF-8 never yields more chars than bytes, but grow rather than loop forever.
                grow();
                continue;
            }
            invalidSequences++;
            in.position(in.position() + result.length());
            if (!out.hasRemaining()) {
                grow();
            }
            out.put('\uFFFD');
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private void grow() {
        CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2 + 16);
        out.flip();
        bigger.put(out);
        out = bigger;
    }

    /** Malformed sequences replaced so far. */
    public long invalidSequences() {
        return invalidSequences;
    }
}
