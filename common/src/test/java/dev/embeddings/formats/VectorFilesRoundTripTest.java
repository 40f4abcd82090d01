package dev.embeddings.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VectorFilesRoundTripTest {

    @TempDir
    Path dir;

    /** Words in frequency order, including non-ASCII ones, with values covering signs, tiny and huge magnitudes. */
    private static final String[] WORDS = {"the", "of", "Zürich", "naïve", "東京", "a_b", "-", "0.5", "e"};
    private static final int DIM = 7;

    private static float[][] vectors() {
        Random random = new Random(42);
        float[][] v = new float[WORDS.length][DIM];
        for (float[] row : v) {
            for (int j = 0; j < DIM; j++) {
                row[j] = (float) random.nextGaussian() * (float) Math.pow(10, random.nextInt(12) - 6);
            }
        }
        v[0][0] = -0.0f;
        v[1][1] = Float.MAX_VALUE;
        v[2][2] = Float.MIN_VALUE;
        v[3][3] = 1e-5f;
        return v;
    }

    @ParameterizedTest
    @EnumSource(VectorFormat.class)
    void writtenFileReadsBackIdenticallyWithDetectedFormat(VectorFormat format) throws IOException {
        Path file = dir.resolve("v." + format.cliName());
        write(file, format, WORDS, vectors());
        try (VectorReader reader = VectorFiles.openReader(file)) {
            assertEquals(format, reader.format());
            assertEquals(DIM, reader.dimension());
            assertEquals(format.hasHeader() ? WORDS.length : -1, reader.declaredCount());
            assertRows(reader, WORDS, vectors());
        }
    }

    @ParameterizedTest
    @EnumSource(VectorFormat.class)
    void streamOverloadsRoundTripWithExplicitFormat(VectorFormat format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        float[][] v = vectors();
        try (VectorWriter writer = VectorFiles.openWriter(bytes, "mem", format, WORDS.length, DIM)) {
            for (int i = 0; i < WORDS.length; i++) {
                writer.write(WORDS[i], v[i]);
            }
        }
        try (VectorReader reader = VectorFiles.openReader(new ByteArrayInputStream(bytes.toByteArray()), "mem",
                format)) {
            assertRows(reader, WORDS, v);
        }
    }

    @Test
    void binaryIsLaidOutExactlyAsWord2vecWritesIt() throws IOException {
        Path file = dir.resolve("v.bin");
        write(file, VectorFormat.WORD2VEC_BINARY, new String[] {"ab"}, new float[][] {{1.5f, -2f}});
        ByteBuffer expected = ByteBuffer.allocate(6 + 3 + 8 + 1).order(ByteOrder.LITTLE_ENDIAN);
        expected.put("1 2\n".getBytes(StandardCharsets.US_ASCII)).put("ab ".getBytes(StandardCharsets.US_ASCII))
                .putFloat(1.5f).putFloat(-2f).put((byte) '\n');
        assertArrayEquals(java.util.Arrays.copyOf(expected.array(), expected.position()), Files.readAllBytes(file));
    }

    @Test
    void textIsWrittenWithHeaderAndSingleSpaces() throws IOException {
        Path file = dir.resolve("v.txt");
        write(file, VectorFormat.WORD2VEC_TEXT, new String[] {"x", "y"}, new float[][] {{1.5f, -2f}, {0f, 0.25f}});
        assertEquals("2 2\nx 1.5 -2.0\ny 0.0 0.25\n", Files.readString(file));
    }

    @Test
    void readsGensimBinaryWithoutNewlinesAfterVectors() throws IOException {
        // gensim writes "word " + floats with no '\n' between rows; built by hand here.
        float[][] v = vectors();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((WORDS.length + " " + DIM + "\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < WORDS.length; i++) {
            bytes.writeBytes((WORDS[i] + " ").getBytes(StandardCharsets.UTF_8));
            ByteBuffer row = ByteBuffer.allocate(4 * DIM).order(ByteOrder.LITTLE_ENDIAN);
            for (float x : v[i]) {
                row.putFloat(x);
            }
            bytes.writeBytes(row.array());
        }
        Path file = dir.resolve("gensim.bin");
        Files.write(file, bytes.toByteArray());
        assertReads(file, VectorFormat.WORD2VEC_BINARY, WORDS, v);
    }

    @Test
    void readsWord2vecAndFastTextTextWithTrailingSpacesAndCrLf() throws IOException {
        Path file = dir.resolve("v.vec");
        Files.writeString(file, "2 3 \r\nfoo 0.100000 -0.200000 3.000000 \r\nbar 1e-3 2E+2 -0 \n");
        assertReads(file, VectorFormat.WORD2VEC_TEXT, new String[] {"foo", "bar"},
                new float[][] {{0.1f, -0.2f, 3f}, {1e-3f, 200f, -0f}});
    }

    @Test
    void readsGloveWithoutFinalNewline() throws IOException {
        Path file = dir.resolve("glove.txt");
        Files.writeString(file, "a 1 2\nb 3 4");
        assertReads(file, VectorFormat.GLOVE_TEXT, new String[] {"a", "b"}, new float[][] {{1, 2}, {3, 4}});
    }

    @Test
    void headerWithoutRowsReadsAsEmpty() throws IOException {
        Path file = dir.resolve("empty.txt");
        Files.writeString(file, "0 300\n");
        try (VectorReader reader = VectorFiles.openReader(file)) {
            assertEquals(300, reader.dimension());
            assertEquals(false, reader.next());
        }
    }

    @Test
    void convertsGloveToBinaryToTextToGloveLosslessly() throws IOException {
        Path glove = dir.resolve("a.glove");
        Path bin = dir.resolve("b.bin");
        Path text = dir.resolve("c.txt");
        Path back = dir.resolve("d.glove");
        write(glove, VectorFormat.GLOVE_TEXT, WORDS, vectors());
        assertEquals(WORDS.length, VectorFiles.convert(glove, bin, VectorFormat.WORD2VEC_BINARY));
        assertEquals(WORDS.length, VectorFiles.convert(bin, text, VectorFormat.WORD2VEC_TEXT));
        assertEquals(WORDS.length, VectorFiles.convert(text, back, VectorFormat.GLOVE_TEXT));
        assertReads(bin, VectorFormat.WORD2VEC_BINARY, WORDS, vectors());
        assertArrayEquals(Files.readAllBytes(glove), Files.readAllBytes(back));
    }

    @Test
    void readsRowsLongerThanTheInitialBuffer() throws IOException {
        int dim = 40_000;
        float[][] v = new float[2][dim];
        for (int j = 0; j < dim; j++) {
            v[0][j] = j * 0.001f;
            v[1][j] = -j;
        }
        for (VectorFormat format : VectorFormat.values()) {
            Path file = dir.resolve("wide." + format.cliName());
            write(file, format, new String[] {"p", "q"}, v);
            assertReads(file, format, new String[] {"p", "q"}, v);
        }
    }

    static void write(Path file, VectorFormat format, String[] words, float[][] vectors) throws IOException {
        try (VectorWriter writer = VectorFiles.openWriter(file, format, words.length, vectors[0].length)) {
            for (int i = 0; i < words.length; i++) {
                writer.write(words[i], vectors[i]);
            }
        }
    }

    /** Opens {@code file} with format detection and checks the detected format and every row. */
    private static void assertReads(Path file, VectorFormat format, String[] words, float[][] vectors)
            throws IOException {
        try (VectorReader reader = VectorFiles.openReader(file)) {
            assertEquals(format, reader.format());
            assertRows(reader, words, vectors);
        }
    }

    private static void assertRows(VectorReader reader, String[] words, float[][] vectors) throws IOException {
        List<String> read = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        reader.forEach((word, vector) -> {
            read.add(word);
            values.add(vector.clone());
        });
        assertEquals(List.of(words), read);
        for (int i = 0; i < words.length; i++) {
            // Bit-exact, so -0.0 and subnormals survive too.
            for (int j = 0; j < vectors[i].length; j++) {
                assertEquals(Float.floatToIntBits(vectors[i][j]), Float.floatToIntBits(values.get(i)[j]),
                        words[i] + "[" + j + "]");
            }
        }
        assertEquals(words.length, reader.wordIndex().size());
        assertEquals(words.length - 1, reader.wordIndex().get(words[words.length - 1]));
    }
}
