package dev.embeddings.subword;

import dev.embeddings.formats.VectorFormat;
import dev.embeddings.matrix.FloatMatrix;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * fastText's {@code .bin} model file, as fastText 0.9 writes an unsupervised model ({@code FastText::saveModel}),
 * all little-endian:
 * <ol>
 *   <li>magic {@value #MAGIC} and version {@value #VERSION} (int32 each);</li>
 *   <li>the args ({@code Args::save}): dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn,
 *       lrUpdateRate (int32 each), t (float64);</li>
 *   <li>the dictionary ({@code Dictionary::save}): size, nwords, nlabels (int32), ntokens, pruneidx_size (int64),
 *       then per word its bytes, a zero byte, its count (int64) and its type (int8, 0 = word), then pruneidx_size
 *       pairs of int32 (-1: not pruned, no pairs);</li>
 *   <li>quant (a one-byte bool, false), the input matrix ({@code DenseMatrix::save}: rows and columns as int64,
 *       then the float32 values row by row);</li>
 *   <li>qout (bool, false) and the output matrix, the same way.</li>
 * </ol>
 * Writing streams the matrices from their segments through one small buffer, so a model of several GB needs no second
 * copy. Reading checks every field that shapes the rest and fails with a {@link FastTextFormatException} naming the
 * file, the offset and the problem: another magic or version, a supervised or quantized ({@code .ftz}) model, a pruned
 * dictionary, labels, a matrix whose shape disagrees with the args, a file that ends early or goes on after the output
 * matrix. Words are decoded as UTF-8 (an invalid sequence becomes U+FFFD).
 */
public final class FastTextBinary {

    /** {@code FASTTEXT_FILEFORMAT_MAGIC_INT32}. */
    public static final int MAGIC = 793712314;
    /** {@code FASTTEXT_VERSION} of fastText 0.9, the version written. */
    public static final int VERSION = 12;
    /**
     * The oldest version read: 11 has the same layout; fastText 0.9 reads it too, only turning off character
     * n-grams for the supervised models that this reader rejects anyway.
     */
    private static final int OLDEST_VERSION = 11;

    private static final int WORD = 0;
    private static final int LABEL = 1;
    private static final long NOT_PRUNED = -1;
    /** Smallest dictionary entry: one byte of word, its zero byte, the count and the type. */
    private static final int MIN_ENTRY_BYTES = 1 + 1 + Long.BYTES + 1;

    private FastTextBinary() {
    }

    /** Writes {@code model} to {@code file} (replacing it). */
    public static void write(Path file, FastTextModel model) throws IOException {
        write(Files.newOutputStream(file), model);
    }

    /** Writes {@code model} to {@code stream}, which it closes. */
    public static void write(OutputStream stream, FastTextModel model) throws IOException {
        try (BinaryOutput out = new BinaryOutput(stream)) {
            out.int32(MAGIC);
            out.int32(VERSION);
            writeArgs(out, model.args());
            writeDictionary(out, model.dictionary());
            out.bool(false);
            writeMatrix(out, model.input());
            out.bool(false);
            writeMatrix(out, model.output());
        }
    }

    /** Reads a whole model, both matrices included. */
    public static FastTextModel read(Path file) throws IOException {
        try (BinaryInput in = new BinaryInput(file)) {
            FastTextArgs args = readHeader(in);
            FastTextDictionary dictionary = readDictionary(in);
            FloatMatrix input = readInput(in, args, dictionary);
            outputShape(in, args, dictionary);
            FloatMatrix output = FloatMatrix.zeros(dictionary.size(), args.dim());
            fill(in, output, "the output matrix's values");
            requireEnd(in);
            return new FastTextModel(args, dictionary, input, output);
        }
    }

    /**
     * Reads what word vectors need, the args, the words and the input matrix, and passes over the output matrix
     * after checking its shape and length (as gensim's {@code load_facebook_vectors} keeps only the vectors): the
     * output matrix's {@code nwords x dim} floats less memory than {@link #read}.
     */
    public static SubwordVectors readVectors(Path file) throws IOException {
        return readVectors(new BinaryInput(file));
    }

    /**
     * As {@link #readVectors(Path)}, from {@code stream} (closed afterwards) of {@code size} bytes on any file
     * system; {@code source} names it in errors.
     */
    public static SubwordVectors readVectors(InputStream stream, long size, String source) throws IOException {
        return readVectors(new BinaryInput(Channels.newChannel(stream), size, source));
    }

    /**
     * Whether {@code head}, a file's first bytes, begins with fastText's magic number: the file is meant as a
     * fastText model (whose version and layout {@link #readVectors} then checks), not as a vector file.
     */
    public static boolean hasMagic(byte[] head) {
        return head.length >= Integer.BYTES && (head[0] & 0xff | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16
                | (head[3] & 0xff) << 24) == MAGIC;
    }

    private static SubwordVectors readVectors(BinaryInput opened) throws IOException {
        try (BinaryInput in = opened) {
            FastTextArgs args = readHeader(in);
            FastTextDictionary dictionary = readDictionary(in);
            FloatMatrix input = readInput(in, args, dictionary);
            in.skip(outputShape(in, args, dictionary), "the output matrix's values");
            requireEnd(in);
            return new SubwordVectors(dictionary, args.charNgrams(), input);
        }
    }

    private static void writeArgs(BinaryOutput out, FastTextArgs args) throws IOException {
        out.int32(args.dim());
        out.int32(args.ws());
        out.int32(args.epoch());
        out.int32(args.minCount());
        out.int32(args.neg());
        out.int32(args.wordNgrams());
        out.int32(args.loss().code());
        out.int32(args.model().code());
        out.int32(args.bucket());
        out.int32(args.minn());
        out.int32(args.maxn());
        out.int32(args.lrUpdateRate());
        out.float64(args.t());
    }

    private static void writeDictionary(BinaryOutput out, FastTextDictionary dictionary) throws IOException {
        out.int32(dictionary.size());
        out.int32(dictionary.size());
        out.int32(0);
        out.int64(dictionary.ntokens());
        out.int64(NOT_PRUNED);
        for (int i = 0; i < dictionary.size(); i++) {
            out.bytes(dictionary.word(i).getBytes(StandardCharsets.UTF_8));
            out.int8(0);
            out.int64(dictionary.count(i));
            out.int8(WORD);
        }
    }

    private static void writeMatrix(BinaryOutput out, FloatMatrix matrix) throws IOException {
        out.int64(matrix.rows());
        out.int64(matrix.width());
        for (int s = 0; s < matrix.segmentCount(); s++) {
            out.floats(matrix.segmentArray(s), 0, segmentFloats(matrix, s));
        }
    }

    private static FastTextArgs readHeader(BinaryInput in) throws IOException {
        int magic = in.int32("the magic number");
        if (magic != MAGIC) {
            throw in.errorAt(0, "not a fastText model: its first int32 is " + magic + " (0x"
                    + Integer.toHexString(magic) + ") where a fastText .bin has the magic number " + MAGIC + " (0x"
                    + Integer.toHexString(MAGIC) + ")");
        }
        int version = in.int32("the version");
        if (version < OLDEST_VERSION || version > VERSION) {
            throw in.errorAt(4, "fastText file format version " + version + "; versions " + OLDEST_VERSION + " to "
                    + VERSION + " are read (fastText 0.9 writes " + VERSION + ")");
        }
        long at = in.offset();
        int dim = in.int32("args.dim");
        int ws = in.int32("args.ws");
        int epoch = in.int32("args.epoch");
        int minCount = in.int32("args.minCount");
        int neg = in.int32("args.neg");
        int wordNgrams = in.int32("args.wordNgrams");
        int loss = in.int32("args.loss");
        int model = in.int32("args.model");
        int bucket = in.int32("args.bucket");
        int minn = in.int32("args.minn");
        int maxn = in.int32("args.maxn");
        int lrUpdateRate = in.int32("args.lrUpdateRate");
        double t = in.float64("args.t");
        try {
            return new FastTextArgs(dim, ws, epoch, minCount, neg, wordNgrams, FastTextArgs.Loss.of(loss),
                    FastTextArgs.Model.of(model), bucket, minn, maxn, lrUpdateRate, t);
        } catch (IllegalArgumentException e) {
            throw in.errorAt(at, "args: " + e.getMessage());
        }
    }

    private static FastTextDictionary readDictionary(BinaryInput in) throws IOException {
        long at = in.offset();
        int size = in.int32("the dictionary's size");
        int nwords = in.int32("the dictionary's nwords");
        int nlabels = in.int32("the dictionary's nlabels");
        long ntokens = in.int64("the dictionary's ntokens");
        long pruneidxSize = in.int64("the dictionary's pruneidx_size");
        if (nlabels != 0) {
            throw in.errorAt(at, "the dictionary has " + nlabels + " labels, as a supervised model's does: only "
                    + "unsupervised models are supported");
        }
        if (size < 0 || nwords != size) {
            throw in.errorAt(at, "the dictionary has size " + size + " but " + nwords + " words and no labels");
        }
        if (pruneidxSize != NOT_PRUNED) {
            throw in.errorAt(at, "a pruned dictionary (pruneidx_size " + pruneidxSize + "): fastText prunes only "
                    + "quantized (.ftz) models, which are not supported");
        }
        if ((long) size * MIN_ENTRY_BYTES > in.remaining()) {
            throw in.error("truncated: " + size + " words need at least " + (long) size * MIN_ENTRY_BYTES
                    + " bytes, the file ends after " + in.remaining());
        }
        String[] words = new String[size];
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
            long entry = in.offset();
            String which = "word " + (i + 1) + " of " + size;
            byte[] word = in.zeroTerminated(VectorFormat.MAX_WORD_BYTES, which);
            if (word.length == 0) {
                throw in.errorAt(entry, which + " is empty");
            }
            words[i] = new String(word, StandardCharsets.UTF_8);
            counts[i] = in.int64("the count of " + which);
            byte type = in.int8("the type of " + which);
            if (type != WORD) {
                throw in.errorAt(entry, which + " ('" + words[i] + "') has type " + type
                        + (type == LABEL ? " (a label)" : "") + ", expected " + WORD + " (a word)");
            }
        }
        try {
            return new FastTextDictionary(words, counts, ntokens);
        } catch (IllegalArgumentException e) {
            throw in.errorAt(at, "dictionary: " + e.getMessage());
        }
    }

    private static FloatMatrix readInput(BinaryInput in, FastTextArgs args, FastTextDictionary dictionary)
            throws IOException {
        if (in.bool("the quant flag")) {
            throw in.errorAt(in.offset() - 1, "the input matrix is quantized (a .ftz model): only full-precision "
                    + ".bin models are supported");
        }
        long rows = (long) dictionary.size() + args.bucket();
        if (rows > Integer.MAX_VALUE) {
            throw in.error(dictionary.size() + " words and " + args.bucket() + " buckets are more than "
                    + Integer.MAX_VALUE + " rows");
        }
        shape(in, "input matrix", rows, args.dim(),
                dictionary.size() + " words + " + args.bucket() + " buckets, dim " + args.dim());
        FloatMatrix input = FloatMatrix.zeros((int) rows, args.dim());
        fill(in, input, "the input matrix's values");
        return input;
    }

    /** Reads the qout flag and the output matrix's shape, checks them, and returns the bytes of its values. */
    private static long outputShape(BinaryInput in, FastTextArgs args, FastTextDictionary dictionary)
            throws IOException {
        if (in.bool("the qout flag")) {
            throw in.errorAt(in.offset() - 1, "the output matrix is quantized (a .ftz model): only full-precision "
                    + ".bin models are supported");
        }
        return shape(in, "output matrix", dictionary.size(), args.dim(),
                dictionary.size() + " words, dim " + args.dim());
    }

    /**
     * Reads a matrix's rows and columns, checks them against the expected shape ({@code why} says where that comes
     * from) and the file's length, and returns the bytes of its values.
     */
    private static long shape(BinaryInput in, String what, long rows, int columns, String why) throws IOException {
        long at = in.offset();
        long m = in.int64("the " + what + "'s rows");
        long n = in.int64("the " + what + "'s columns");
        if (m != rows || n != columns) {
            throw in.errorAt(at, "the " + what + " is " + m + " x " + n + ", expected " + rows + " x " + columns
                    + " (" + why + ")");
        }
        long bytes = m * n * Float.BYTES;
        if (bytes > in.remaining()) {
            throw in.error("truncated: the " + what + "'s " + m + " x " + n + " floats need " + bytes
                    + " bytes, the file ends after " + in.remaining());
        }
        return bytes;
    }

    private static void fill(BinaryInput in, FloatMatrix matrix, String what) throws IOException {
        for (int s = 0; s < matrix.segmentCount(); s++) {
            in.floats(matrix.segmentArray(s), 0, segmentFloats(matrix, s), what);
        }
    }

    /** The floats segment {@code s} holds: its rows (the last segment may hold fewer) times the width. */
    private static int segmentFloats(FloatMatrix matrix, int s) {
        long firstRow = (long) s * matrix.segmentRows();
        return (int) Math.min(matrix.segmentRows(), matrix.rows() - firstRow) * matrix.width();
    }

    private static void requireEnd(BinaryInput in) throws IOException {
        if (in.remaining() > 0) {
            throw in.error(in.remaining() + " bytes after the output matrix: not the layout of a fastText 0.9 "
                    + "unsupervised model");
        }
    }
}
