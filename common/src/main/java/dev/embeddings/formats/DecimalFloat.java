package dev.embeddings.formats;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number from bytes without making a String in the common case, with exactly
 * {@link Float#parseFloat}'s result.
 *
 * <p>Fast path (Clinger): with at most 15 significant digits and a decimal exponent within ±22, both the digits and
 * the power of ten are exact doubles, so one multiplication or division gives the correctly rounded double.
 * Rounding that double to float gives the correctly rounded float unless the double sits exactly on a midpoint
 * between two floats (the true value may lie just beside it), or outside float's normal range; those cases, and
 * any other text, go to {@link Float#parseFloat}.
 */
final class DecimalFloat {

    private static final double[] POWERS_OF_TEN = new double[23];
    private static final long MAX_DIGITS_VALUE = 999_999_999_999_999L;
    /** The 29 low mantissa bits a double loses when rounded to float, and their value at a midpoint. */
    private static final long DROPPED_BITS = (1L << 29) - 1;
    private static final long MIDPOINT_BITS = 1L << 28;

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

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
        long digitsValue = 0;
        int digits = 0;
        int scale = 0;
        boolean point = false;
        for (; i < to; i++) {
            int b = bytes[i];
            if (b >= '0' && b <= '9') {
                digits++;
                scale -= point ? 1 : 0;
                digitsValue = digitsValue * 10 + (b - '0');
                if (digitsValue > MAX_DIGITS_VALUE) {
                    return slowPath(bytes, from, to);
                }
            } else if (b == '.' && !point) {
                point = true;
            } else if ((b == 'e' || b == 'E') && digits > 0) {
                int exponent = parseExponent(bytes, i + 1, to);
                if (exponent == Integer.MIN_VALUE) {
                    return slowPath(bytes, from, to);
                }
                scale += exponent;
                break;
            } else {
                return slowPath(bytes, from, to);
            }
        }
        if (digits == 0) {
            throw new NumberFormatException("not a number");
        }
        if (scale < -22 || scale > 22) {
            return slowPath(bytes, from, to);
        }
        double value = scale < 0 ? digitsValue / POWERS_OF_TEN[-scale] : digitsValue * POWERS_OF_TEN[scale];
        long bits = Double.doubleToRawLongBits(value);
        boolean exact = value == 0 || value >= Float.MIN_NORMAL && value <= Float.MAX_VALUE
                && (bits & DROPPED_BITS) != MIDPOINT_BITS;
        if (!exact) {
            return slowPath(bytes, from, to);
        }
        return (float) (negative ? -value : value);
    }

    /** The exponent in {@code bytes[from, to)} (optional sign, 1 to 3 digits), or MIN_VALUE for anything else. */
    private static int parseExponent(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        if (i == to || to - i > 3) {
            return Integer.MIN_VALUE;
        }
        int exponent = 0;
        for (; i < to; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return Integer.MIN_VALUE;
            }
            exponent = exponent * 10 + (bytes[i] - '0');
        }
        return negative ? -exponent : exponent;
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
