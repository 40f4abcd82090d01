package dev.embeddings.formats;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each malformed file fails with a message naming the file, the place and the problem. */
class VectorFileValidationTest {

    @TempDir
    Path dir;

    @Test
    void headerPromisingATrillionWordsIsRejectedBeforeAnyAllocation() throws IOException {
        String message = failure("huge.bin", ascii("1000000000000 300\nx "));
        assertContains(message, "huge.bin", "line 1", "1000000000000 words");
    }

    @Test
    void headerWithABillionDimensionsIsRejected() throws IOException {
        assertContains(failure("wide.bin", ascii("3 1000000000\nx ")), "wide.bin", "line 1", "dimension 1000000000");
    }

    @Test
    void zeroDimensionIsRejected() throws IOException {
        assertContains(failure("zero.txt", ascii("3 0\n")), "zero.txt", "line 1", "dimension 0");
    }

    @Test
    void binaryWithFewerWordsThanPromisedIsTruncated() throws IOException {
        byte[] file = binary(5, 2, "a", "b");
        assertContains(failure("short.bin", file), "short.bin", "byte " + file.length,
                "truncated", "promises 5 words", "after 2");
    }

    @Test
    void binaryCutInsideAVectorIsTruncated() throws IOException {
        byte[] whole = binary(2, 2, "a", "b");
        byte[] cut = Arrays.copyOf(whole, whole.length - 4);
        // Row "b" starts after the header (4 bytes) and row "a" (2 + 8 + 1 bytes); 7 of its 10 bytes remain.
        assertContains(failure("cut.bin", cut), "cut.bin", "byte 15", "truncated", "vector of word 2",
                "5 of 8 bytes");
    }

    @Test
    void binaryWithAHeaderPromisingBillionsOfWordsFailsAsTruncatedWithoutExhaustingMemory() throws IOException {
        assertContains(failure("liar.bin", binary(2_000_000_000, 2, "a")), "liar.bin", "truncated",
                "promises 2000000000 words", "after 1");
    }

    @Test
    void binaryWithDataAfterThePromisedWordsIsRejected() throws IOException {
        byte[] three = binary(3, 2, "a", "b", "c");
        byte[] file = ascii("2" + new String(three, 1, three.length - 1, StandardCharsets.ISO_8859_1));
        assertContains(failure("long.bin", file), "long.bin", "byte 26", "data after the 2 words");
    }

    @Test
    void textWithFewerRowsThanPromisedIsTruncated() throws IOException {
        assertContains(failure("short.txt", ascii("3 2\na 1 2\nb 3 4\n")), "short.txt", "line 4", "truncated",
                "promises 3 words", "after 2");
    }

    @Test
    void textWithMoreRowsThanPromisedIsRejected() throws IOException {
        assertContains(failure("more.txt", ascii("1 2\na 1 2\nb 3 4\n")), "more.txt", "line 3",
                "more rows than the 1 words");
    }

    @Test
    void textLineWithTooFewValuesNamesTheLineAndCounts() throws IOException {
        assertContains(failure("few.txt", ascii("2 3\na 1 2 3\nb 1 2\n")), "few.txt", "line 3",
                "expected 3 values after 'b', found 2");
    }

    @Test
    void gloveLineWithTooManyValuesNamesTheLineAndCounts() throws IOException {
        assertContains(failure("many.glove", ascii("a 1 2\nb 1 2 3\n")), "many.glove", "line 2",
                "expected 2 values after 'b', found 3");
    }

    @Test
    void textWithDoubleSpaceIsRejected() throws IOException {
        assertContains(failure("gap.glove", ascii("a 1  2\n")), "gap.glove", "line 1", "empty");
    }

    @Test
    void nanAndInfinityInTextAreRejected() throws IOException {
        assertContains(failure("nan.txt", ascii("2 2\na 1 2\nb nan 2\n")), "nan.txt", "line 3",
                "value 1 of 'b' is not a number: 'nan'");
        assertContains(failure("inf.glove", ascii("a 1 2\nb 1 1e39\n")), "inf.glove", "line 2",
                "value 2 of 'b' is not finite: '1e39'");
    }

    @Test
    void nanAndInfinityInBinaryAreRejected() throws IOException {
        byte[] nan = binary(1, 2, "a");
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 + 2 + 4, Float.NaN);
        assertContains(failure("nan.bin", nan), "nan.bin", "byte 10", "value 2 of word 1 is NaN");
        byte[] inf = binary(1, 2, "a");
        ByteBuffer.wrap(inf).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 + 2, Float.NEGATIVE_INFINITY);
        assertContains(failure("inf.bin", inf), "inf.bin", "byte 6", "value 1 of word 1 is -Infinity");
    }

    @Test
    void invalidUtf8WordsAreRejectedInEveryFormat() throws IOException {
        byte[] bin = binary(2, 1, "a", "b");
        bin[4 + 6] = (byte) 0xC3; // "b" becomes a truncated two-byte sequence
        assertContains(failure("utf.bin", bin), "utf.bin", "byte 10", "not valid UTF-8");
        byte[] text = ascii("1 1\n\u00ff 1\n");
        text[4] = (byte) 0xFF;
        assertContains(failure("utf.txt", text), "utf.txt", "line 2", "not valid UTF-8");
    }

    @Test
    void duplicateWordsAreRejectedNamingBothOccurrences() throws IOException {
        assertContains(failure("dup.glove", ascii("a 1\nb 2\na 3\n")), "dup.glove", "line 3",
                "duplicate word 'a' (word 3, first seen as word 1)");
        assertContains(failure("dup.bin", binary(3, 1, "x", "y", "y")), "dup.bin", "byte 18",
                "duplicate word 'y' (word 3, first seen as word 2)");
    }

    @Test
    void emptyAndHeaderlessFilesAreRejectedWhenAFormatWithHeaderIsExpected() throws IOException {
        assertContains(failure("empty.txt", new byte[0]), "empty.txt", "empty file");
        Path glove = dir.resolve("glove.txt");
        Files.write(glove, ascii("a 1 2\n"));
        VectorFormatException e = assertThrows(VectorFormatException.class, () -> VectorFiles.openReader(
                Files.newInputStream(glove), "glove.txt", VectorFormat.WORD2VEC_TEXT).close());
        assertContains(e.getMessage(), "glove.txt", "line 1", "expected a 'count dimension' header");
    }

    @Test
    void writerRejectsRowsNoReaderWouldAccept() throws IOException {
        try (VectorWriter writer = VectorFiles.openWriter(new ByteArrayOutputStream(), "out.txt",
                VectorFormat.GLOVE_TEXT, -1, 2)) {
            assertThrows(IllegalArgumentException.class, () -> writer.write("two words", new float[2]));
            assertThrows(IllegalArgumentException.class, () -> writer.write("", new float[2]));
            assertThrows(IllegalArgumentException.class, () -> writer.write("a", new float[3]));
            assertThrows(IllegalArgumentException.class, () -> writer.write("a", new float[] {1, Float.NaN}));
        }
    }

    @Test
    void writerClosedBeforeTheDeclaredCountFails() throws IOException {
        VectorWriter writer = VectorFiles.openWriter(new ByteArrayOutputStream(), "out.bin",
                VectorFormat.WORD2VEC_BINARY, 2, 1);
        writer.write("a", new float[] {1});
        IOException e = assertThrows(IOException.class, writer::close);
        assertContains(e.getMessage(), "out.bin", "declares 2 words but 1");
    }

    private String failure(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        VectorFormatException e = assertThrows(VectorFormatException.class, () -> {
            try (VectorReader reader = VectorFiles.openReader(file)) {
                reader.forEach((word, vector) -> { });
            }
        });
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + message + "' should contain '" + part + "'");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** word2vec.c layout: header, then for each word "word " + dim floats (1, 2, ...) + '\n'. */
    private static byte[] binary(long declared, int dim, String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(declared + " " + dim + "\n"));
        float next = 1;
        for (String word : words) {
            out.writeBytes(word.getBytes(StandardCharsets.UTF_8));
            out.write(' ');
            ByteBuffer row = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < dim; j++) {
                row.putFloat(next++);
            }
            out.writeBytes(row.array());
            out.write('\n');
        }
        return out.toByteArray();
    }
}
