package dev.embeddings.formats;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number from bytes without making a String in the common case, with exactly
 * {@link Float#parseFloat}'s result.
 */
final class DecimalFloat {

    private static final float[] POWERS_OF_TEN = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};

    private DecimalFloat() {
    }

    /**
     * The value of {@code bytes[from, to)}: an optional sign, digits with an optional point, an optional exponent.
     * Rejects anything else (including NaN, Infinity, hex and Java's {@code f}/{@code d} suffixes) with a
     * {@link NumberFormatException}. The result may be infinite when the text overflows float.
     */
    static float parse(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        int mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean point = false;
        for (; i < to; i++) {
            int b = bytes[i];
            if (b >= '0' && b <= '9') {
                digits++;
                fractionDigits += point ? 1 : 0;
                mantissa = mantissa * 10 + (b - '0');
                if (mantissa >= 1 << 24) {
                    return slowPath(bytes, from, to);
                }
            } else if (b == '.' && !point) {
                point = true;
            } else {
                return slowPath(bytes, from, to);
            }
        }
        if (digits == 0) {
            throw new NumberFormatException("not a number");
        }
        if (fractionDigits >= POWERS_OF_TEN.length) {
            return slowPath(bytes, from, to);
        }
        // Both operands are exact floats, so the one rounding of the division is the correctly rounded result.
        float value = mantissa / POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }

    private static float slowPath(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i];
            if (!(b >= '0' && b <= '9' || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-')) {
                throw new NumberFormatException("not a number");
            }
        }
        return Float.parseFloat(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    }
}
