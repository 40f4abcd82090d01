package dev.embeddings.subword;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.SegmentedMatrices;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .bin layout field by field, the round trip, and a clear failure for each kind of file it does not read. */
class FastTextBinaryTest {

    /** Where the args start: after the magic and the version. */
    private static final int ARGS = 8;
    /** Where the dictionary starts: after twelve int32 args and t. */
    private static final int DICTIONARY = ARGS + 12 * 4 + 8;
    /** Where the first word starts: after size, nwords, nlabels, ntokens and pruneidx_size. */
    private static final int ENTRIES = DICTIONARY + 3 * 4 + 2 * 8;

    @TempDir
    Path dir;

    @Test
    void writtenModelReadsBackEqual() throws IOException {
        FastTextModel model = SubwordModels.random(7, 3, 6, 50, 1);
        Path file = dir.resolve("model.bin");
        FastTextBinary.write(file, model);

        FastTextModel read = FastTextBinary.read(file);
        assertEquals(model.args(), read.args());
        assertEquals(model.dictionary().size(), read.dictionary().size());
        for (int i = 0; i < model.dictionary().size(); i++) {
            assertEquals(model.dictionary().word(i), read.dictionary().word(i));
            assertEquals(model.dictionary().count(i), read.dictionary().count(i));
        }
        assertEquals(model.dictionary().ntokens(), read.dictionary().ntokens());
        assertTrue(model.input().contentEquals(read.input()));
        assertTrue(model.output().contentEquals(read.output()));
    }

    @Test
    void aMatrixInManySegmentsIsWrittenAsOne() throws IOException {
        FastTextModel model = SubwordModels.random(5, 3, 6, 37, 2);
        FastTextModel segmented = new FastTextModel(model.args(), model.dictionary(),
                SegmentedMatrices.resegmented(model.input(), 4), SegmentedMatrices.resegmented(model.output(), 2));
        assertArrayEquals(SubwordModels.bytes(model), SubwordModels.bytes(segmented));
        Path file = dir.resolve("segmented.bin");
        FastTextBinary.write(file, segmented);
        assertTrue(model.input().contentEquals(FastTextBinary.read(file).input()));
    }

    @Test
    void layoutIsFastTextsFieldByField() {
        FastTextArgs args = new FastTextArgs(3, 6, 7, 8, 9, 1, FastTextArgs.Loss.HS, FastTextArgs.Model.CBOW, 2, 2, 4,
                77, 0.25);
        FastTextDictionary dictionary = new FastTextDictionary(new String[] {"é", "ab"}, new long[] {5, 4}, 42);
        FloatMatrix input = FloatMatrix.wrap(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 3);
        FloatMatrix output = FloatMatrix.wrap(new float[] {-1, -2, -3, -4, -5, -6}, 3);
        ByteBuffer file = ByteBuffer.wrap(SubwordModels.bytes(new FastTextModel(args, dictionary, input, output)))
                .order(ByteOrder.LITTLE_ENDIAN);

        assertEquals(793712314, file.getInt());
        assertEquals(12, file.getInt());
        int[] ints = new int[12];
        Arrays.setAll(ints, i -> file.getInt());
        // dim, ws, epoch, minCount, neg, wordNgrams, loss (hs = 1), model (cbow = 1), bucket, minn, maxn, lrUpdateRate
        assertArrayEquals(new int[] {3, 6, 7, 8, 9, 1, 1, 1, 2, 2, 4, 77}, ints);
        assertEquals(0.25, file.getDouble());
        assertEquals(DICTIONARY, file.position());
        assertEquals(2, file.getInt(), "size");
        assertEquals(2, file.getInt(), "nwords");
        assertEquals(0, file.getInt(), "nlabels");
        assertEquals(42, file.getLong(), "ntokens");
        assertEquals(-1, file.getLong(), "pruneidx_size: not pruned");
        assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0xA9, 0}, next(file, 3), "é in UTF-8, then a zero byte");
        assertEquals(5, file.getLong());
        assertEquals(0, file.get(), "type: word");
        assertArrayEquals(new byte[] {'a', 'b', 0}, next(file, 3));
        assertEquals(4, file.getLong());
        assertEquals(0, file.get());
        assertEquals(0, file.get(), "quant: false");
        assertEquals(4, file.getLong(), "input rows: 2 words + 2 buckets");
        assertEquals(3, file.getLong(), "input columns");
        for (int v = 1; v <= 12; v++) {
            assertEquals(v, file.getFloat());
        }
        assertEquals(0, file.get(), "qout: false");
        assertEquals(2, file.getLong(), "output rows: 2 words");
        assertEquals(3, file.getLong());
        for (int v = 1; v <= 6; v++) {
            assertEquals(-v, file.getFloat());
        }
        assertEquals(0, file.remaining());
    }

    @Test
    void readVectorsSkipsTheOutputMatrixAndComposesAsTheWholeModelDoes() throws IOException {
        FastTextModel model = SubwordModels.random(6, 2, 5, 40, 3);
        Path file = dir.resolve("model.bin");
        FastTextBinary.write(file, model);
        SubwordVectors vectors = FastTextBinary.readVectors(file);
        assertEquals(SubwordModels.WORDS.length, vectors.dictionary().size());
        float[] expected = new float[6];
        float[] actual = new float[6];
        for (String word : new String[] {"where", "wherever", "日本", "</s>"}) {
            model.vectors().vector(word, expected);
            vectors.vector(word, actual);
            assertArrayEquals(expected, actual, word);
        }
    }

    @Test
    void wrongMagicIsNotAFastTextModel() throws IOException {
        byte[] file = valid();
        file[0] = '4';
        assertFails(file, "byte 0", "not a fastText model", "magic number 793712314");
    }

    @Test
    void aWord2VecFileIsNotAFastTextModel() throws IOException {
        assertFails("3 2\na 1 2\n".getBytes(StandardCharsets.US_ASCII), "byte 0", "not a fastText model");
    }

    @Test
    void versionsOtherThan11And12AreRejected() throws IOException {
        for (int version : new int[] {10, 13, -1}) {
            byte[] file = valid();
            putInt(file, 4, version);
            assertFails(file, "byte 4", "version " + version, "versions 11 to 12 are read");
        }
        byte[] eleven = valid();
        putInt(eleven, 4, 11);
        Files.write(dir.resolve("v11.bin"), eleven);
        assertEquals(SubwordModels.WORDS.length, FastTextBinary.read(dir.resolve("v11.bin")).dictionary().size());
    }

    @Test
    void aTruncatedFileNamesTheFieldItEndsIn() throws IOException {
        byte[] file = valid();
        assertFails(new byte[0], "byte 0", "truncated", "the magic number");
        assertFails(Arrays.copyOf(file, ARGS + 10), "byte 16", "truncated", "args.epoch");
        assertFails(Arrays.copyOf(file, ENTRIES + 2), "byte " + ENTRIES, "truncated", "words need at least");
        assertFails(Arrays.copyOf(file, ENTRIES + 120), "truncated", "of 10");
        int outputValues = file.length - SubwordModels.WORDS.length * 4 * 4;
        assertFails(Arrays.copyOf(file, outputValues - 30), "truncated", "input matrix");
        assertFails(Arrays.copyOf(file, outputValues + 5), "byte " + outputValues, "truncated",
                "the output matrix's 10 x 4 floats need 160 bytes, the file ends after 5");
        assertFails(Arrays.copyOf(file, file.length - 1), "truncated", "output matrix");
    }

    @Test
    void aTruncatedFileFailsReadingVectorsToo() throws IOException {
        byte[] file = valid();
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(file, file.length - 1));
        FastTextFormatException e = assertThrows(FastTextFormatException.class, () -> FastTextBinary.readVectors(cut));
        assertContains(e.getMessage(), "cut.bin", "truncated", "output matrix");
    }

    @Test
    void bytesAfterTheOutputMatrixAreRejected() throws IOException {
        byte[] file = valid();
        assertFails(Arrays.copyOf(file, file.length + 3), "byte " + file.length, "3 bytes after the output matrix");
    }

    @Test
    void ngramLengthsOutOfRangeAreRejected() throws IOException {
        assertFails(withArgs(3, 2, 100), "byte " + ARGS, "args: minn must be between 1 and maxn (2), got 3");
        assertFails(withArgs(0, 6, 100), "args: minn must be between 1 and maxn (6), got 0");
        assertFails(withArgs(3, 21, 100), "args: maxn must be 0 (no character n-grams) or between 1 and 20, got 21");
        assertFails(withArgs(3, -6, 100), "got -6");
    }

    @Test
    void bucketCountsAreRejectedUnlessPositiveOrUnused() throws IOException {
        assertFails(withArgs(3, 6, 0), "args: bucket must be >= 1 when maxn > 0");
        assertFails(withArgs(3, 6, -100), "args: bucket must be >= 0, got -100");
    }

    @Test
    void noNgramsIsFastTextsMaxnZeroWithBucketZero() throws IOException {
        // fastText -maxn 0 keeps minn at its default 3 and saves bucket 0 (Args::parseArgs).
        FastTextModel model = SubwordModels.random(4, 3, 0, 0, 4);
        Path file = dir.resolve("words.bin");
        FastTextBinary.write(file, model);
        SubwordVectors vectors = FastTextBinary.readVectors(file);
        float[] out = new float[4];
        assertEquals(1, vectors.vector("where", out));
        assertArrayEquals(model.input().row(2), out);
        assertEquals(0, vectors.vector("wherever", out));
        assertArrayEquals(new float[4], out);
    }

    @Test
    void supervisedAndUnknownModelsAreRejected() throws IOException {
        byte[] file = valid();
        putInt(file, ARGS + 7 * 4, 3);
        assertFails(file, "byte " + ARGS, "a supervised model (model code 3; every .ftz model is one)");
        putInt(file, ARGS + 7 * 4, 9);
        assertFails(file, "unknown model code 9");
        file = valid();
        putInt(file, ARGS + 6 * 4, 5);
        assertFails(file, "unknown loss code 5");
    }

    @Test
    void aQuantizedInputMatrixIsRejected() throws IOException {
        byte[] file = valid();
        int quant = quantOffset(file);
        file[quant] = 1;
        assertFails(file, "byte " + quant, "the input matrix is quantized (a .ftz model)");
        file[quant] = 2;
        assertFails(file, "byte " + quant, "the quant flag is 2, expected 0 or 1");
    }

    @Test
    void aQuantizedOutputMatrixIsRejected() throws IOException {
        byte[] file = valid();
        int qout = quantOffset(file) + 1 + 16 + (SubwordModels.WORDS.length + 100) * 4 * 4;
        file[qout] = 1;
        assertFails(file, "byte " + qout, "the output matrix is quantized");
    }

    @Test
    void labelsAndPrunedDictionariesAreRejected() throws IOException {
        byte[] file = valid();
        putInt(file, DICTIONARY + 8, 2);
        assertFails(file, "byte " + DICTIONARY, "2 labels", "supervised");
        file = valid();
        putLong(file, DICTIONARY + 20, 5);
        assertFails(file, "byte " + DICTIONARY, "a pruned dictionary (pruneidx_size 5)");
        file = valid();
        putInt(file, DICTIONARY + 4, 9);
        assertFails(file, "byte " + DICTIONARY, "size 10 but 9 words");
        file = valid();
        int type = ENTRIES + "</s>".length() + 1 + 8;
        file[type] = 1;
        assertFails(file, "byte " + ENTRIES, "word 1 of 10 ('</s>') has type 1 (a label), expected 0 (a word)");
    }

    @Test
    void aMatrixShapeThatDisagreesWithTheArgsIsRejected() throws IOException {
        byte[] file = valid();
        int rows = quantOffset(file) + 1;
        putLong(file, rows, 111);
        assertFails(file, "byte " + rows, "the input matrix is 111 x 4, expected 110 x 4 (10 words + 100 buckets");
    }

    @Test
    void modelsWhoseMatricesDisagreeWithTheirArgsCannotBeBuilt() {
        FastTextModel model = SubwordModels.random(4, 3, 6, 100, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FastTextModel(
                FastTextArgs.skipgram(4, 3, 6, 99), model.dictionary(), model.input(), model.output()));
        assertContains(e.getMessage(), "input matrix is 110 x 4", "need 109 x 4");
    }

    /** A model of dim 4 with 100 buckets, minn 3, maxn 6. */
    private static byte[] valid() {
        return SubwordModels.bytes(SubwordModels.random(4, 3, 6, 100, 9));
    }

    private static byte[] withArgs(int minn, int maxn, int bucket) {
        byte[] file = valid();
        putInt(file, ARGS + 8 * 4, bucket);
        putInt(file, ARGS + 9 * 4, minn);
        putInt(file, ARGS + 10 * 4, maxn);
        return file;
    }

    /** The offset of the quant flag: after the dictionary's entries. */
    private static int quantOffset(byte[] file) {
        int at = ENTRIES;
        for (String word : SubwordModels.WORDS) {
            at += word.getBytes(StandardCharsets.UTF_8).length + 1 + 8 + 1;
        }
        assertEquals(0, file[at]);
        return at;
    }

    private static byte[] next(ByteBuffer buffer, int n) {
        byte[] bytes = new byte[n];
        buffer.get(bytes);
        return bytes;
    }

    private static void putInt(byte[] file, int at, int value) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    private static void putLong(byte[] file, int at, long value) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    }

    private void assertFails(byte[] bytes, String... parts) throws IOException {
        Path file = dir.resolve("bad.bin");
        Files.write(file, bytes);
        FastTextFormatException e = assertThrows(FastTextFormatException.class, () -> FastTextBinary.read(file));
        assertContains(e.getMessage(), parts);
        assertTrue(e.getMessage().startsWith(file + ": byte "), e.getMessage());
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + message + "' lacks '" + part + "'");
        }
    }
}
