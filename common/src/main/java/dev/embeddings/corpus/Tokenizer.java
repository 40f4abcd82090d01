package dev.embeddings.corpus;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Splits text into tokens: Unicode NFKC, optional lower-casing, tokens are maximal runs of letters and digits
 * (Unicode categories L* and N*, plus combining marks inside a word). Everything else separates tokens, so an
 * apostrophe splits "don't" into "don" and "t" — the same rule as the benchmark corpus builder, so every peer
 * sees the same token stream. Tokens longer than {@code maxTokenLength} chars are dropped and counted.
 *
 * <p>Not thread-safe: one instance per thread (it reuses a buffer and counters).
 */
public final class Tokenizer {

    /** Receives tokens; called once per kept token, in order. */
    @FunctionalInterface
    public interface TokenSink {
        void accept(String token);
    }

    private final boolean lowercase;
    private final int maxTokenLength;
    private long droppedLongTokens;

    public Tokenizer(boolean lowercase, int maxTokenLength) {
        if (maxTokenLength < 1) {
            throw new IllegalArgumentException("max token length must be at least 1, got " + maxTokenLength);
        }
        this.lowercase = lowercase;
        this.maxTokenLength = maxTokenLength;
    }

    /** Tokenizes {@code text} and hands each kept token to {@code sink}; returns the number of tokens kept. */
    public int tokenize(CharSequence text, TokenSink sink) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (lowercase) {
            normalized = normalized.toLowerCase(Locale.ROOT);
        }
        int kept = 0;
        int start = -1;
        int i = 0;
        int n = normalized.length();
        while (i < n) {
            int cp = normalized.codePointAt(i);
            boolean wordChar = isWordChar(cp, start >= 0);
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                kept += emit(normalized, start, i, sink);
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            kept += emit(normalized, start, n, sink);
        }
        return kept;
    }

    /** Tokens dropped so far because they were longer than the maximum token length. */
    public long droppedLongTokens() {
        return droppedLongTokens;
    }

    private int emit(String text, int start, int end, TokenSink sink) {
        if (end - start > maxTokenLength) {
            droppedLongTokens++;
            return 0;
        }
        sink.accept(text.substring(start, end));
        return 1;
    }

    private static boolean isWordChar(int cp, boolean insideWord) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
        // Letter/number categories the JDK's isLetterOrDigit does not cover (e.g. Roman numerals, superscripts
        // survive NFKC as digits already) and combining marks that continue a word.
        return (mark && insideWord) || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
