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
            // From subnormal to near overflow.
            float f = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(82) - 45));
            double d = random.nextGaussian() * Math.pow(10, random.nextInt(16) - 8);
            for (String s : new String[] {Float.toString(f), String.format(Locale.ROOT, "%.6f", f),
                    String.format(Locale.ROOT, "%.8e", f), String.format(Locale.ROOT, "%.5g", f),
                    String.format(Locale.ROOT, "%.9f", f), Double.toString(d), String.format(Locale.ROOT, "%.14e", d),
                    String.format(Locale.ROOT, "%.15f", d)}) {
                assertEquals(Float.floatToIntBits(Float.parseFloat(s)), Float.floatToIntBits(parse(s)), s);
            }
        }
    }

    @Test
    void roundsDecimalsNextToAFloatMidpointCorrectly() {
        // 16777217 lies exactly between the floats 2^24 and 2^24 + 2; the others lie just beside it.
        for (String s : new String[] {"16777217", "16777217.00000001", "16777216.99999999", "1.6777217e7",
                "33554435", "0.500000029802322387695312", "1.00000005960464477539062", "3.4028235e38", "3.5e38",
                "1.1754942e-38", "1e-45", "7e-46", "1.4e-45"}) {
            assertEquals(Float.floatToIntBits(Float.parseFloat(s)), Float.floatToIntBits(parse(s)), s);
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
        for (String s : new String[] {"", "-", ".", "NaN", "Infinity", "inf", "0x1p3", "1.0f", "1d", "1,5", "1..2", "1e", "1e+", "e5", "1e5e5"}) {
            assertThrows(NumberFormatException.class, () -> parse(s), s);
        }
    }

    private static float parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return DecimalFloat.parse(b, 0, b.length);
    }
}
