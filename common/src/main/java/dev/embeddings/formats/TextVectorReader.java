package dev.embeddings.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads {@code word v1 ... vn} lines (single spaces; trailing spaces and CR tolerated): word2vec text or GloVe. */
final class TextVectorReader extends VectorReader {

    /** Longest line accepted: the longest word plus 64 bytes per value. */
    static final int MAX_LINE_BYTES = VectorFormat.MAX_WORD_BYTES + 64 * VectorFormat.MAX_DIMENSION;

    private final VectorFormat format;
    private long line;

    /** {@code linesBefore}: lines already consumed (the header), so line numbers in errors are the file's. */
    TextVectorReader(ByteInput in, String source, VectorFormat format, int dimension, long declaredCount,
                     long linesBefore) {
        super(in, source, dimension, declaredCount);
        this.format = format;
        this.line = linesBefore;
    }

    @Override
    public VectorFormat format() {
        return format;
    }

    @Override
    String location() {
        return "line " + line;
    }

    @Override
    boolean readRow(ByteInput in, float[] values) throws IOException {
        boolean counted = declaredCount() >= 0;
        if (in.atEnd()) {
            if (counted && rowsRead() < declaredCount()) {
                line++;
                throw error("truncated: the header promises " + declaredCount()
                        + " words, the file ends after " + rowsRead());
            }
            return false;
        }
        line++;
        if (counted && rowsRead() == declaredCount()) {
            throw error("more rows than the " + declaredCount() + " words the header promises");
        }
        int newline = in.indexOf((byte) '\n', 0, MAX_LINE_BYTES + 1);
        if (newline == -2) {
            throw error("line longer than " + MAX_LINE_BYTES + " bytes");
        }
        int length = newline >= 0 ? newline : in.available();
        byte[] buf = in.buffer();
        int start = in.position();
        int end = trimEnd(buf, start, start + length);
        if (end == start) {
            throw error("empty line");
        }
        int space = start;
        while (space < end && buf[space] != ' ') {
            space++;
        }
        if (space == start) {
            throw error("line starts with a space: empty word");
        }
        parseValues(buf, space + 1, end, values, start);
        accept(buf, start, space - start);
        in.advance(newline >= 0 ? newline + 1 : length);
        return true;
    }

    /** Parses exactly {@code values.length} single-space-separated numbers from {@code buf[from, end)}. */
    private void parseValues(byte[] buf, int from, int end, float[] values, int lineStart)
            throws VectorFormatException {
        int found = 0;
        int tokenStart = from;
        while (tokenStart < end) {
            int tokenEnd = tokenStart;
            while (tokenEnd < end && buf[tokenEnd] != ' ') {
                tokenEnd++;
            }
            if (found < values.length) {
                values[found] = parseValue(buf, tokenStart, tokenEnd, found, lineStart, from);
            }
            found++;
            tokenStart = tokenEnd + 1;
        }
        if (found != values.length) {
            throw error("expected " + values.length + " values after '" + word(buf, lineStart, from - 1)
                    + "', found " + found);
        }
    }

    private float parseValue(byte[] buf, int from, int to, int i, int lineStart, int valuesStart)
            throws VectorFormatException {
        String problem;
        try {
            float v = DecimalFloat.parse(buf, from, to);
            if (Float.isFinite(v)) {
                return v;
            }
            problem = "is not finite";
        } catch (NumberFormatException e) {
            problem = from == to ? "is empty (two spaces in a row?)" : "is not a number";
        }
        throw error("value " + (i + 1) + " of '" + word(buf, lineStart, valuesStart - 1) + "' " + problem
                + ": '" + abbreviate(new String(buf, from, to - from, StandardCharsets.UTF_8)) + "'");
    }

    private static String word(byte[] buf, int from, int to) {
        return abbreviate(new String(buf, from, to - from, StandardCharsets.UTF_8));
    }

    static int trimEnd(byte[] buf, int start, int end) {
        while (end > start && (buf[end - 1] == ' ' || buf[end - 1] == '\r')) {
            end--;
        }
        return end;
    }
}
