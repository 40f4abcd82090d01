package dev.embeddings.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalFloatTest {

    @Test
    void agreesBitForBitWithFloatParseFloatOnTheFormsVectorToolsWrite() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            float f = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(10) - 5));
            for (String s : new String[] {Float.toString(f), String.format(Locale.ROOT, "%.6f", f),
                    String.format(Locale.ROOT, "%.8e", f), String.format(Locale.ROOT, "%.5g", f),
                    String.format(Locale.ROOT, "%.9f", f)}) {
                assertEquals(Float.floatToIntBits(Float.parseFloat(s)), Float.floatToIntBits(parse(s)), s);
            }
        }
    }

    @Test
    void acceptsSignsAndBarePoints() {
        assertEquals(0.5f, parse(".5"));
        assertEquals(1f, parse("1."));
        assertEquals(2f, parse("+2"));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(parse("-0")));
    }

    @Test
    void rejectsWhatPythonOrJavaWouldReadAsSpecialValues() {
        for (String s : new String[] {"", "-", ".", "NaN", "Infinity", "inf", "0x1p3", "1.0f", "1d", "1,5", "1..2"}) {
            assertThrows(NumberFormatException.class, () -> parse(s), s);
        }
    }

    private static float parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return DecimalFloat.parse(b, 0, b.length);
    }
}
