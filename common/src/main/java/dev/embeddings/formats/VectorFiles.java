package dev.embeddings.formats;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens vector readers and writers, detecting the format of files to read, and converts between formats by
 * streaming rows from a reader to a writer. The stream overloads take a {@code source}/{@code target} name for
 * messages, so callers can pass e.g. HDFS streams.
 */
public final class VectorFiles {

    /** Opens an input stream afresh, for conversions that must read a header-less file twice. */
    @FunctionalInterface
    public interface StreamOpener {
        InputStream open() throws IOException;
    }

    private VectorFiles() {
    }

    /** Opens {@code path}, detecting its format. */
    public static VectorReader openReader(Path path) throws IOException {
        return openReader(Files.newInputStream(path), path.toString(), null);
    }

    /**
     * Opens a vector file from {@code stream}; {@code expected} is its format, or null to detect it: a
     * {@code "count dim"} first line means word2vec, text if the next line is a word and {@code dim} numbers, else
     * binary; any other first line means GloVe text.
     */
    public static VectorReader openReader(InputStream stream, String source, VectorFormat expected)
            throws IOException {
        ByteInput in = new ByteInput(stream);
        try {
            return open(in, source, expected);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens {@code path} for writing {@code count} rows ({@code -1}: unknown, GloVe only) of {@code dimension}. */
    public static VectorWriter openWriter(Path path, VectorFormat format, long count, int dimension)
            throws IOException {
        return openWriter(Files.newOutputStream(path), path.toString(), format, count, dimension);
    }

    public static VectorWriter openWriter(OutputStream stream, String target, VectorFormat format, long count,
                                          int dimension) throws IOException {
        if (dimension < 1 || dimension > VectorFormat.MAX_DIMENSION) {
            throw new IllegalArgumentException(target + ": dimension must be in [1, " + VectorFormat.MAX_DIMENSION
                    + "], got " + dimension);
        }
        if (count > VectorFormat.MAX_WORDS || count < (format.hasHeader() ? 0 : -1)) {
            throw new IllegalArgumentException(target + ": word count must be in [" + (format.hasHeader() ? 0 : -1)
                    + ", " + VectorFormat.MAX_WORDS + "] for " + format.cliName() + ", got " + count);
        }
        OutputStream out = new BufferedOutputStream(stream, 1 << 16);
        return format == VectorFormat.WORD2VEC_BINARY
                ? new Word2VecBinaryWriter(out, target, dimension, count)
                : new TextVectorWriter(out, target, format, dimension, count);
    }

    /** Converts {@code input} to {@code output} in format {@code to}; returns the number of rows. */
    public static long convert(Path input, Path output, VectorFormat to) throws IOException {
        return convert(() -> Files.newInputStream(input), input.toString(), null,
                Files.newOutputStream(output), output.toString(), to);
    }

    /**
     * Streams every row of {@code input} ({@code from}: its format, or null to detect) into {@code output}. When
     * {@code to} needs a word count that the input lacks (GloVe to word2vec), reads the input twice: once to
     * count, once to copy. Returns the number of rows. A bad input row fails the conversion with the reader's
     * error and leaves {@code output} incomplete, so callers should write to a temporary name and rename.
     */
    public static long convert(StreamOpener input, String source, VectorFormat from, OutputStream output,
                               String target, VectorFormat to) throws IOException {
        try (output) {
            VectorReader reader = openReader(input.open(), source, from);
            try {
                long count = reader.declaredCount();
                if (to.hasHeader() && count < 0) {
                    count = reader.forEach((word, vector) -> { });
                    reader.close();
                    reader = openReader(input.open(), source, from);
                }
                try (VectorWriter writer = openWriter(output, target, to, count, reader.dimension())) {
                    return reader.forEach(writer::write);
                }
            } finally {
                reader.close();
            }
        }
    }

    private static VectorReader open(ByteInput in, String source, VectorFormat expected) throws IOException {
        if (in.atEnd()) {
            throw new VectorFormatException(source, "byte 0", "empty file");
        }
        int newline = in.indexOf((byte) '\n', 0, TextVectorReader.MAX_LINE_BYTES + 1);
        if (newline == -2) {
            throw new VectorFormatException(source, "line 1", "longer than " + TextVectorReader.MAX_LINE_BYTES
                    + " bytes: not a vector file");
        }
        int length = newline >= 0 ? newline : in.available();
        int start = in.position();
        int end = TextVectorReader.trimEnd(in.buffer(), start, start + length);
        long[] header = expected == VectorFormat.GLOVE_TEXT ? null : parseHeader(in.buffer(), start, end);
        if (header == null) {
            if (expected != null && expected.hasHeader()) {
                throw new VectorFormatException(source, "line 1", "expected a 'count dimension' header for "
                        + expected.cliName());
            }
            int dimension = countFields(in.buffer(), start, end) - 1;
            checkDimension(source, dimension, "'word v1 ... vn' line with " + dimension + " values");
            return new TextVectorReader(in, source, VectorFormat.GLOVE_TEXT, dimension, -1, 0);
        }
        if (header[0] > VectorFormat.MAX_WORDS) {
            throw new VectorFormatException(source, "line 1", "header promises " + header[0] + " words; at most "
                    + VectorFormat.MAX_WORDS + " are supported");
        }
        int dimension = (int) Math.min(header[1], Integer.MAX_VALUE);
        checkDimension(source, dimension, "header with dimension " + header[1]);
        in.advance(newline >= 0 ? newline + 1 : length);
        VectorFormat format = expected != null ? expected
                : firstRowIsText(in, dimension) ? VectorFormat.WORD2VEC_TEXT : VectorFormat.WORD2VEC_BINARY;
        return format == VectorFormat.WORD2VEC_BINARY
                ? new Word2VecBinaryReader(in, source, dimension, header[0])
                : new TextVectorReader(in, source, format, dimension, header[0], 1);
    }

    private static void checkDimension(String source, int dimension, String what) throws VectorFormatException {
        if (dimension < 1 || dimension > VectorFormat.MAX_DIMENSION) {
            throw new VectorFormatException(source, "line 1", what + ": the dimension must be in [1, "
                    + VectorFormat.MAX_DIMENSION + "]");
        }
    }

    /** {count, dim} if {@code buf[start, end)} is two unsigned integers separated by one space; else null. */
    private static long[] parseHeader(byte[] buf, int start, int end) {
        long[] values = new long[2];
        int field = 0;
        int digits = 0;
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b >= '0' && b <= '9') {
                // Saturate rather than overflow, so an absurd header is reported as absurd.
                values[field] = values[field] > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE
                        : values[field] * 10 + (b - '0');
                digits++;
            } else if (b == ' ' && field == 0 && digits > 0) {
                field = 1;
                digits = 0;
            } else {
                return null;
            }
        }
        return field == 1 && digits > 0 ? values : null;
    }

    private static int countFields(byte[] buf, int start, int end) {
        int fields = 1;
        for (int i = start; i < end; i++) {
            fields += buf[i] == ' ' ? 1 : 0;
        }
        return fields;
    }

    /**
     * Whether the row after a header is text: a word then {@code dimension} numbers, or at least two
     * space-separated number-like tokens (a text row with a wrong value count, reported as such by the text
     * reader). Raw float bytes practically never look like either.
     */
    private static boolean firstRowIsText(ByteInput in, int dimension) throws IOException {
        if (in.atEnd()) {
            return true;
        }
        int newline = in.indexOf((byte) '\n', 0, TextVectorReader.MAX_LINE_BYTES + 1);
        int length = newline >= 0 ? newline : in.available();
        byte[] buf = in.buffer();
        int start = in.position();
        int end = TextVectorReader.trimEnd(buf, start, start + length);
        int word = start;
        while (word < end && buf[word] != ' ') {
            word++;
        }
        int tokens = 0;
        boolean allNumbers = true;
        boolean allNumberLike = true;
        for (int from = word + 1; from < end; ) {
            int to = from;
            while (to < end && buf[to] != ' ') {
                to++;
            }
            tokens++;
            try {
                DecimalFloat.parse(buf, from, to);
            } catch (NumberFormatException e) {
                allNumbers = false;
                allNumberLike &= to > from && numberLike(buf, from, to);
            }
            from = to + 1;
        }
        return tokens == dimension && allNumbers || tokens >= 2 && allNumberLike;
    }

    private static boolean numberLike(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (!(b >= '0' && b <= '9' || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E')) {
                return false;
            }
        }
        return true;
    }
}
