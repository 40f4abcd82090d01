package dev.embeddings.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8DecoderTest {

    @Test
    void decodesValidUtf8Unchanged() {
        Utf8Decoder d = new Utf8Decoder();
        byte[] bytes = "naïve café 東京".getBytes(StandardCharsets.UTF_8);
        assertEquals("naïve café 東京", d.decode(bytes, 0, bytes.length));
        assertEquals(0, d.invalidSequences());
    }

    @Test
    void replacesAndCountsEachMalformedSequence() {
        Utf8Decoder d = new Utf8Decoder();
        // 0xFF is never valid; 0xC3 starts a 2-byte sequence that is cut short by a space.
        byte[] bytes = {'a', (byte) 0xFF, 'b', (byte) 0xC3, ' ', 'c'};
        assertEquals("a\uFFFDb\uFFFD c", d.decode(bytes, 0, bytes.length));
        assertEquals(2, d.invalidSequences());
    }

    @Test
    void decodesAnOffsetSliceAndReusesItsBuffer() {
        Utf8Decoder d = new Utf8Decoder();
        byte[] bytes = "xxhelloyy".getBytes(StandardCharsets.UTF_8);
        assertEquals("hello", d.decode(bytes, 2, 5));
        byte[] longer = "a much longer line than the first one, to force the buffer to grow"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(new String(longer, StandardCharsets.UTF_8), d.decode(longer, 0, longer.length));
    }
}
