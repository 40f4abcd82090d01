package dev.embeddings.subword;

import java.util.ArrayList;
import java.util.List;

/**
 * fastText's character n-grams of a word and their rows in the input matrix, bit for bit as fastText's
 * {@code Dictionary::computeSubwords} and {@code Dictionary::hash} compute them, so a model trained here and one
 * trained by fastText agree on which row an n-gram owns.
 *
 * <p>The word is wrapped as {@code <word>}; every run of {@code minn..maxn} characters of that is an n-gram, except a
 * lone {@code <} or {@code >} (when {@code minn == 1}). The whole {@code <word>} is one of them when it is short
 * enough. A character is a Unicode code point: fastText walks UTF-8 bytes and never ends an n-gram before a
 * continuation byte, which is the same thing for valid UTF-8. An n-gram's bucket is its 32-bit FNV-1a hash modulo
 * {@code bucket} (both unsigned), and its row is the number of words plus its bucket: the buckets' rows follow the
 * words' rows.
 *
 * <p>{@code maxn == 0} means no n-grams (fastText's {@code -maxn 0}, which leaves {@code minn} at its default);
 * otherwise {@code 1 <= minn <= maxn <= }{@link #MAX_N} and {@code bucket >= 1}. Immutable and thread-safe;
 * {@link #rows} and {@link #count} allocate nothing.
 */
public final class CharNgrams {

    /** Longest n-gram accepted: well past fastText's default 6, short of anything that is a mistake. */
    public static final int MAX_N = 20;

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 16777619;
    private static final int BOW = '<';
    private static final int EOW = '>';

    private final int minn;
    private final int maxn;
    private final int bucket;

    /** Validated as the class comment says; the message names the offending value. */
    public CharNgrams(int minn, int maxn, int bucket) {
        checkRange(minn, maxn, bucket);
        this.minn = minn;
        this.maxn = maxn;
        this.bucket = bucket;
    }

    /**
     * Throws {@link IllegalArgumentException} unless {@code minn}, {@code maxn} and {@code bucket} are a valid
     * combination (see the class comment); with {@code maxn == 0}, {@code bucket} may be 0, as fastText then saves it.
     */
    public static void checkRange(int minn, int maxn, int bucket) {
        if (maxn < 0 || maxn > MAX_N) {
            throw new IllegalArgumentException("maxn must be 0 (no character n-grams) or between 1 and " + MAX_N
                    + ", got " + maxn);
        }
        if (minn < 0) {
            throw new IllegalArgumentException("minn must be >= 0, got " + minn);
        }
        if (bucket < 0) {
            throw new IllegalArgumentException("bucket must be >= 0, got " + bucket);
        }
        if (maxn > 0) {
            if (minn < 1 || minn > maxn) {
                throw new IllegalArgumentException("minn must be between 1 and maxn (" + maxn + "), got " + minn);
            }
            if (bucket < 1) {
                throw new IllegalArgumentException("bucket must be >= 1 when maxn > 0 (n-grams need buckets), got "
                        + bucket);
            }
        }
    }

    public int minn() {
        return minn;
    }

    public int maxn() {
        return maxn;
    }

    public int bucket() {
        return bucket;
    }

    /** Whether words have n-grams at all ({@code maxn > 0}). */
    public boolean enabled() {
        return maxn > 0;
    }

    /**
     * fastText's hash of {@code bytes[from, to)}: 32-bit FNV-1a, except that each byte is sign-extended before the
     * XOR (fastText casts it through {@code int8_t}), so bytes >= 0x80 hash differently from textbook FNV-1a.
     */
    public static int hash(byte[] bytes, int from, int to) {
        int h = FNV_OFFSET;
        for (int i = from; i < to; i++) {
            h = (h ^ bytes[i]) * FNV_PRIME;
        }
        return h;
    }

    /** {@link #hash(byte[], int, int)} of the UTF-8 bytes of {@code text}. */
    public static int hash(String text) {
        int h = FNV_OFFSET;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            h = hashUtf8(h, codePoint);
        }
        return h;
    }

    /** The bucket of one n-gram (already wrapped, e.g. {@code "<wh"}): its hash modulo {@link #bucket()}. */
    public int bucketOf(String ngram) {
        return Integer.remainderUnsigned(hash(ngram), bucket);
    }

    /** How many n-grams {@code word} has: the number of rows {@link #rows} writes. */
    public int count(String word) {
        if (maxn == 0) {
            return 0;
        }
        int length = word.codePointCount(0, word.length()) + 2;
        int count = 0;
        for (int n = minn; n <= Math.min(maxn, length); n++) {
            count += length - n + 1;
        }
        return minn == 1 ? count - 2 : count;
    }

    /**
     * Writes the row of each n-gram of {@code word}, {@code firstBucketRow + bucket}, into {@code out} from
     * {@code at}, in fastText's order (by start, then by length), and returns how many it wrote
     * ({@link #count(String)}). {@code firstBucketRow} is the model's number of words.
     */
    public int rows(String word, int firstBucketRow, int[] out, int at) {
        int count = count(word);
        if (at < 0 || out.length - at < count) {
            throw new IllegalArgumentException("'" + word + "' has " + count + " n-grams; the buffer holds "
                    + Math.max(0, out.length - at) + " from " + at);
        }
        if (count == 0) {
            return 0;
        }
        int last = word.codePointCount(0, word.length()) + 1;
        int written = 0;
        int cursor = 0;
        for (int start = 0; start <= last; start++) {
            int h = FNV_OFFSET;
            int next = cursor;
            for (int end = start, n = 1; end <= last && n <= maxn; end++, n++) {
                if (end == 0) {
                    h = hashUtf8(h, BOW);
                } else if (end == last) {
                    h = hashUtf8(h, EOW);
                } else {
                    int codePoint = word.codePointAt(next);
                    next += Character.charCount(codePoint);
                    h = hashUtf8(h, codePoint);
                }
                if (n >= minn && !(n == 1 && (start == 0 || end == last))) {
                    out[at + written++] = firstBucketRow + Integer.remainderUnsigned(h, bucket);
                }
            }
            if (start > 0 && start < last) {
                cursor += Character.charCount(word.codePointAt(cursor));
            }
        }
        return written;
    }

    /** The n-grams of {@code word} as strings, in the order of {@link #rows}: for tests and debugging. */
    public List<String> ngrams(String word) {
        String wrapped = "<" + word + ">";
        int[] starts = wrapped.codePoints().map(Character::charCount).toArray();
        int[] offsets = new int[starts.length + 1];
        for (int i = 0; i < starts.length; i++) {
            offsets[i + 1] = offsets[i] + starts[i];
        }
        int last = starts.length - 1;
        List<String> ngrams = new ArrayList<>();
        for (int start = 0; start <= last; start++) {
            for (int end = start, n = 1; end <= last && n <= maxn; end++, n++) {
                if (n >= minn && !(n == 1 && (start == 0 || end == last))) {
                    ngrams.add(wrapped.substring(offsets[start], offsets[end + 1]));
                }
            }
        }
        return ngrams;
    }

    /**
     * Feeds the UTF-8 bytes of one code point to the hash. A lone surrogate is encoded as {@code '?'}, as
     * {@link String#getBytes} encodes it, so the hash is that of the bytes a file would hold.
     */
    private static int hashUtf8(int h, int codePoint) {
        if (codePoint < 0x80) {
            return (h ^ codePoint) * FNV_PRIME;
        }
        if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            return (h ^ '?') * FNV_PRIME;
        }
        if (codePoint < 0x800) {
            h = (h ^ (byte) (0xC0 | codePoint >>> 6)) * FNV_PRIME;
        } else if (codePoint < 0x10000) {
            h = (h ^ (byte) (0xE0 | codePoint >>> 12)) * FNV_PRIME;
            h = (h ^ (byte) (0x80 | (codePoint >>> 6 & 0x3F))) * FNV_PRIME;
        } else {
            h = (h ^ (byte) (0xF0 | codePoint >>> 18)) * FNV_PRIME;
            h = (h ^ (byte) (0x80 | (codePoint >>> 12 & 0x3F))) * FNV_PRIME;
            h = (h ^ (byte) (0x80 | (codePoint >>> 6 & 0x3F))) * FNV_PRIME;
        }
        return (h ^ (byte) (0x80 | (codePoint & 0x3F))) * FNV_PRIME;
    }
}
