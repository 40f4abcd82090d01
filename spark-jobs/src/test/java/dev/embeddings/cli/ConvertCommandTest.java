package dev.embeddings.cli;

import static dev.embeddings.cli.SmallVectors.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.cli.SmallVectors.Run;
import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorFormat;
import dev.embeddings.formats.VectorReader;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.subword.FastTextArgs;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.subword.FastTextDictionary;
import dev.embeddings.subword.FastTextModel;
import dev.embeddings.testing.Corpora;
import dev.embeddings.testing.FastTextTool;
import dev.embeddings.testing.TestSpark;
import dev.embeddings.vectors.WordVectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class ConvertCommandTest {

    @TempDir
    Path dir;

    private static WordVectors randomVectors(int words, int dim) {
        Random random = new Random(11);
        String[] names = new String[words];
        float[] values = new float[words * dim];
        for (int i = 0; i < words; i++) {
            names[i] = i % 7 == 0 ? "mot" + i + "é" : "w" + i;
            for (int j = 0; j < dim; j++) {
                values[i * dim + j] = (float) random.nextGaussian();
            }
        }
        return WordVectors.of(names, values, dim);
    }

    private static VectorFormat formatOf(Path file) throws Exception {
        try (VectorReader reader = VectorFiles.openReader(file)) {
            return reader.format();
        }
    }

    private static void assertSameVectors(WordVectors expected, WordVectors actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.word(i), actual.word(i));
            assertArrayEquals(expected.vector(expected.word(i)), actual.vector(actual.word(i)), 1e-6f,
                    expected.word(i));
        }
    }

    private List<String> filesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void convertsThroughEveryFormatAndBackWithoutLoss() throws Exception {
        WordVectors original = randomVectors(300, 12);
        Path bin = dir.resolve("a.bin");
        original.writeTo(bin, VectorFormat.WORD2VEC_BINARY);

        Path text = dir.resolve("b.txt");
        Path glove = dir.resolve("c.glove");
        Path back = dir.resolve("d.bin");
        assertEquals(0, run("convert", "--input", bin.toString(), "--output", text.toString(), "--format", "txt")
                .status());
        assertEquals(0, run("convert", "--input", text.toString(), "--output", glove.toString(), "--format",
                "glove").status());
        Run last = run("convert", "--input", glove.toString(), "--output", back.toString());
        assertEquals(0, last.status(), last.err());
        assertTrue(last.out().contains("300 vectors"), last.out());

        assertEquals(VectorFormat.WORD2VEC_TEXT, formatOf(text));
        assertEquals(VectorFormat.GLOVE_TEXT, formatOf(glove));
        assertEquals(VectorFormat.WORD2VEC_BINARY, formatOf(back), "bin is the default");
        assertSameVectors(original, WordVectors.load(text));
        assertSameVectors(original, WordVectors.load(glove));
        assertSameVectors(original, WordVectors.load(back));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bin", "parquet"})
    void aBadRowLeavesNoOutputAndNamesTheFileAndLine(String format) throws Exception {
        Path text = dir.resolve("in.txt");
        randomVectors(1000, 8).writeTo(text, VectorFormat.WORD2VEC_TEXT);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(text, StandardCharsets.UTF_8));
        lines.set(700, lines.get(700).replaceFirst(" \\S+$", " 1.5.5"));
        Files.write(text, lines, StandardCharsets.UTF_8);

        Run r = run("convert", "--input", text.toString(), "--output", dir.resolve("out." + format).toString(),
                "--format", format);
        assertEquals(1, r.status());
        assertTrue(r.err().contains(text.toString()) && r.err().contains("line 701"), r.err());
        assertEquals(List.of("in.txt"), filesIn(dir), "no output, no temporary file");
    }

    @Test
    void aFailedReplacementKeepsTheOldOutput() throws Exception {
        Path out = Files.writeString(dir.resolve("out.bin"), "the previous output");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "3 2\na 1 2\nb 3\n");
        Run r = run("convert", "--input", bad.toString(), "--output", out.toString(), "--overwrite");
        assertEquals(1, r.status());
        assertEquals("the previous output", Files.readString(out));
        assertEquals(List.of("bad.txt", "out.bin"), filesIn(dir));
    }

    @Test
    void anExistingOutputIsReplacedOnlyWithOverwrite() throws Exception {
        Path in = dir.resolve("in.bin");
        randomVectors(10, 3).writeTo(in, VectorFormat.WORD2VEC_BINARY);
        Path out = Files.writeString(dir.resolve("out.txt"), "keep me");
        Run refused = run("convert", "--input", in.toString(), "--output", out.toString(), "--format", "txt");
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("--overwrite"), refused.err());
        assertEquals("keep me", Files.readString(out));

        assertEquals(0, run("convert", "--input", in.toString(), "--output", out.toString(), "--format", "txt",
                "--overwrite").status());
        assertSameVectors(randomVectors(10, 3), WordVectors.load(out));
    }

    /** A fastText model of ours: a few words (non-ASCII ones too) with random rows, n-grams of 2 to 4. */
    private static FastTextModel ourModel() {
        String[] words = {"</s>", "the", "café", "straße", "日本語", "of", "naïve", "a"};
        long[] counts = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            counts[i] = 10L * (words.length - i);
        }
        FastTextArgs args = FastTextArgs.skipgram(6, 2, 4, 50);
        Random random = new Random(5);
        FloatMatrix input = FloatMatrix.zeros(words.length + args.bucket(), args.dim());
        FloatMatrix output = FloatMatrix.zeros(words.length, args.dim());
        for (FloatMatrix m : List.of(input, output)) {
            for (int row = 0; row < m.rows(); row++) {
                for (int k = 0; k < m.width(); k++) {
                    m.set(row, k, (float) random.nextGaussian());
                }
            }
        }
        return new FastTextModel(args, new FastTextDictionary(words, counts, 360), input, output);
    }

    @Test
    void aFastTextBinOfOursConvertsToItsWordsAndTheirComposedVectors() throws Exception {
        FastTextModel model = ourModel();
        Path bin = dir.resolve("model.bin");
        FastTextBinary.write(bin, model);
        WordVectors expected = WordVectors.of(model.vectors());
        for (String format : List.of("bin", "txt", "glove")) {
            Path out = dir.resolve("out." + format);
            Run r = run("convert", "--input", bin.toString(), "--output", out.toString(), "--format", format);
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("converted 8 vectors"), r.out());
            assertSameVectors(expected, WordVectors.load(out));
        }
        WordVectors exact = WordVectors.load(dir.resolve("out.bin"));
        for (String word : expected.words()) {
            assertArrayEquals(expected.vector(word), exact.vector(word), 0f, word);
        }
    }

    @Test
    void aFastTextBinTrainedByFastTextConvertsToTheVectorsItPrints() throws Exception {
        FastTextTool.assumeInstalled();
        Path corpus = dir.resolve("corpus.txt");
        List<String> lines = new java.util.ArrayList<>(Corpora.lines(3, 300, 60));
        lines.replaceAll(line -> line + " café straße 日本語");
        Files.write(corpus, lines, StandardCharsets.UTF_8);
        Path bin = FastTextTool.skipgram(corpus, dir.resolve("ft"), "-dim", "8", "-epoch", "1", "-minCount", "1",
                "-bucket", "2000", "-minn", "2", "-maxn", "4", "-thread", "1", "-verbose", "0");
        Path text = dir.resolve("ft.txt");
        Run r = run("convert", "--input", bin.toString(), "--output", text.toString(), "--format", "txt");
        assertEquals(0, r.status(), r.err());

        WordVectors converted = WordVectors.load(text);
        List<String> words = List.of(converted.words());
        assertTrue(words.containsAll(List.of("</s>", "café", "straße", "日本語")), words.toString());
        List<String> printed = FastTextTool.printWordVectors(bin, words);
        for (int i = 0; i < words.size(); i++) {
            FastTextTool.assertPrints(printed.get(i), words.get(i), converted.vector(words.get(i)));
        }
    }

    @Test
    void aFastTextBinOfAnotherVersionFailsInOneLineNamingInput() throws Exception {
        Path bin = dir.resolve("model.bin");
        FastTextBinary.write(bin, ourModel());
        byte[] bytes = Files.readAllBytes(bin);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 13);
        Path newer = Files.write(dir.resolve("newer.bin"), bytes);
        Run r = run("convert", "--input", newer.toString(), "--output", dir.resolve("out.txt").toString(),
                "--format", "txt");
        assertEquals(1, r.status());
        assertEquals(List.of("convert: error: --input " + newer + ": file:" + newer + ": byte 4: fastText file "
                + "format version 13; versions 11 to 12 are read (fastText 0.9 writes 12)"),
                r.err().lines().filter(l -> l.contains("error:")).toList());
        assertEquals(List.of("model.bin", "newer.bin"), filesIn(dir), "no output, no temporary file");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Run r = run("convert", "--input", "x", "--output", dir.resolve("y").toString(), "--format", "hdf5");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown vector format 'hdf5'") && r.err().contains("or parquet"), r.err());
    }

    /** The rows of a Parquet file as Spark reads them: word to (vector, count or null), in file order. */
    private static Map<String, Row> parquetRows(Path file) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Row row : TestSpark.local().read().parquet(file.toString()).collectAsList()) {
            rows.put(row.getString(row.fieldIndex("word")), row);
        }
        return rows;
    }

    private static float[] vectorOf(Row row) {
        List<Float> values = row.getList(row.fieldIndex("vector"));
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        return vector;
    }

    @Test
    void aVectorFileConvertsToParquetThatSparkReadsWithoutCounts() throws Exception {
        WordVectors original = randomVectors(300, 12);
        Path text = dir.resolve("in.txt");
        original.writeTo(text, VectorFormat.WORD2VEC_TEXT);
        Path parquet = dir.resolve("vectors.parquet");
        Run r = run("convert", "--input", text.toString(), "--output", parquet.toString(), "--format", "parquet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("converted 300 vectors") && r.out().contains("(parquet)"), r.out());

        Map<String, Row> rows = parquetRows(parquet);
        assertEquals(List.of(original.words()), List.copyOf(rows.keySet()));
        for (String word : original.words()) {
            Row row = rows.get(word);
            assertArrayEquals(original.vector(word), vectorOf(row), 0f, word);
            assertTrue(row.isNullAt(row.fieldIndex("count")), "a vector file has no counts");
        }
        assertEquals(List.of("in.txt", "vectors.parquet"), filesIn(dir), "no temporary file left");
    }

    @Test
    void aFastTextBinConvertsToParquetWithItsCounts() throws Exception {
        FastTextModel model = ourModel();
        Path bin = dir.resolve("model.bin");
        FastTextBinary.write(bin, model);
        WordVectors expected = WordVectors.of(model.vectors());
        Path parquet = dir.resolve("model.parquet");
        Run r = run("convert", "--input", bin.toString(), "--output", parquet.toString(), "--format", "parquet");
        assertEquals(0, r.status(), r.err());

        Map<String, Row> rows = parquetRows(parquet);
        FastTextDictionary dictionary = model.dictionary();
        assertEquals(List.of(dictionary.words()), List.copyOf(rows.keySet()));
        for (int id = 0; id < dictionary.size(); id++) {
            Row row = rows.get(dictionary.word(id));
            assertArrayEquals(expected.vector(dictionary.word(id)), vectorOf(row), 0f, dictionary.word(id));
            assertEquals(dictionary.count(id), row.getLong(row.fieldIndex("count")));
        }
    }
}
