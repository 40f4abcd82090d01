package dev.embeddings.vectors;

import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorFormat;
import dev.embeddings.formats.VectorReader;
import dev.embeddings.formats.VectorWriter;
import dev.embeddings.formats.WordIndex;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.subword.SubwordVectors;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Trained word vectors for querying, like gensim's KeyedVectors: words most frequent first, their vectors as a
 * {@link FloatMatrix} (so a vocabulary may hold more than 2^31 floats), and a unit-length copy of every row so
 * cosine similarity is a dot product. Immutable and thread-safe.
 *
 * <p>With a subword model ({@link #withSubwords}, or a fastText {@code .bin} loaded), a word outside the vocabulary
 * has the vector fastText composes for it from its character n-grams ({@link SubwordVectors}): {@link #vector},
 * {@link #similarity(String, String)}, {@link #nearest(String, int)} and {@link #analogy} answer for it, and the
 * neighbours still come from the vocabulary. Without one, such a word is an error, as it is when it has no n-gram.
 */
public final class WordVectors {

    /** Rows allocated up front when nothing bounds the input's size; the matrix grows from there. */
    private static final int STREAM_START_ROWS = 1 << 16;
    /** Most words one Java array holds. */
    private static final int MAX_WORDS = Integer.MAX_VALUE - 8;
    /** Rows normalised per parallel task. */
    private static final int NORMALISE_BLOCK = 4096;

    private final String[] words;
    private final WordIndex index;
    private final int dimension;
    private final FloatMatrix vectors;
    private final FloatMatrix unit;
    /** The model that composes vectors for words outside the vocabulary, or null. */
    private final SubwordVectors subwords;

    /** Takes {@code vectors} (one row per word) as is; the unit copy has the same segmenting. */
    private WordVectors(String[] words, WordIndex index, FloatMatrix vectors) {
        this(words, index, vectors, normalisedRows(vectors), null);
    }

    private WordVectors(String[] words, WordIndex index, FloatMatrix vectors, FloatMatrix unit,
                        SubwordVectors subwords) {
        this.words = words;
        this.index = index;
        this.dimension = vectors.width();
        this.vectors = vectors;
        this.unit = unit;
        this.subwords = subwords;
    }

    /**
     * Loads a vector file of any supported format (detected), sizing the matrix from the file's length; a fastText
     * {@code .bin} model (its magic number) gives its words' vectors with its subwords, as {@link #of(SubwordVectors)}.
     */
    public static WordVectors load(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return load(in, Files.size(path), path.toString());
        }
    }

    /**
     * As {@link #load(Path)}, from {@code in} (closed afterwards) holding {@code size} bytes, on any file system;
     * {@code source} names it in errors.
     */
    public static WordVectors load(InputStream in, long size, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(Integer.BYTES);
        byte[] head = buffered.readNBytes(Integer.BYTES);
        buffered.reset();
        if (FastTextBinary.hasMagic(head)) {
            return of(FastTextBinary.readVectors(buffered, size, source));
        }
        try (VectorReader reader = VectorFiles.openReader(buffered, source, null)) {
            return read(reader, reader.format().maxRows(size, reader.dimension()), FloatMatrix.DEFAULT_SEGMENT_FLOATS);
        }
    }

    /**
     * The words of a fastText model with the vectors it composes for them (as its {@code .vec} file holds them),
     * and the model itself for any other word.
     */
    public static WordVectors of(SubwordVectors model) {
        return view(model.dictionary().words(), model.wordVectors()).withSubwords(model);
    }

    /**
     * Loads a vector file of any supported format (detected) from {@code in}, which is closed afterwards;
     * {@code source} names it in errors.
     */
    public static WordVectors load(InputStream in, String source) throws IOException {
        try (VectorReader reader = VectorFiles.openReader(in, source, null)) {
            return read(reader, STREAM_START_ROWS, FloatMatrix.DEFAULT_SEGMENT_FLOATS);
        }
    }

    /**
     * Wraps {@code words} (most frequent first, distinct) and their {@code vectors}, row-major; both are copied.
     */
    public static WordVectors of(String[] words, float[] vectors, int dimension) {
        if (dimension < 1 || (long) words.length * dimension != vectors.length) {
            throw new IllegalArgumentException(words.length + " words of dimension " + dimension + " need "
                    + (long) words.length * dimension + " values, got " + vectors.length);
        }
        return of(words, FloatMatrix.wrap(vectors, dimension));
    }

    /**
     * Wraps {@code words} (most frequent first, distinct) and their {@code vectors}, row i being word i's; both are
     * copied, the matrix keeping its segmenting.
     */
    public static WordVectors of(String[] words, FloatMatrix vectors) {
        return view(words.clone(), vectors.copy());
    }

    /**
     * As {@link #of(String[], FloatMatrix)} without copying either (only the unit-length rows are made): for vectors
     * that no one changes afterwards, such as a finished training's, where a copy would cost the model's size again.
     */
    public static WordVectors view(String[] words, FloatMatrix vectors) {
        if (words.length != vectors.rows()) {
            throw new IllegalArgumentException(words.length + " words need as many rows, got " + vectors.rows());
        }
        WordIndex index = new WordIndex(words.length);
        for (int i = 0; i < words.length; i++) {
            int first = index.putIfAbsent(words[i], i);
            if (first >= 0) {
                throw new IllegalArgumentException("duplicate word '" + words[i] + "' at " + first + " and " + i);
            }
        }
        return new WordVectors(words, index, vectors);
    }

    /**
     * Reads every row into a matrix in segments of at most {@code segmentFloats} floats (tests shrink them). The
     * matrix starts at what the header promises, but never more than {@code startBound} rows (what the file's
     * length allows, or a modest default for a stream), and grows as rows arrive, so a lying header costs nothing.
     */
    static WordVectors read(VectorReader reader, long startBound, long segmentFloats) throws IOException {
        int dim = reader.dimension();
        long promised = reader.declaredCount() >= 0 ? reader.declaredCount() : STREAM_START_ROWS;
        int capacity = (int) Math.min(Math.min(promised, startBound), MAX_WORDS);
        String[] words = new String[capacity];
        FloatMatrix vectors = FloatMatrix.zeros(capacity, dim, segmentFloats);
        int rows = 0;
        while (reader.next()) {
            if (rows == capacity) {
                if (capacity == MAX_WORDS) {
                    throw new IOException(reader.source() + ": more than " + MAX_WORDS
                            + " vectors do not fit one in-memory WordVectors");
                }
                capacity = (int) Math.min(MAX_WORDS, capacity + (capacity >> 1) + 16L);
                words = Arrays.copyOf(words, capacity);
                vectors = firstRows(vectors, rows, capacity, segmentFloats);
            }
            words[rows] = reader.word();
            vectors.setRow(rows, reader.vector(), 0);
            rows++;
        }
        if (rows < capacity) {
            words = Arrays.copyOf(words, rows);
            vectors = firstRows(vectors, rows, rows, segmentFloats);
        }
        return new WordVectors(words, reader.wordIndex(), vectors);
    }

    /** A matrix of {@code capacity} rows, the first {@code rows} copied from {@code from}, the rest zero. */
    private static FloatMatrix firstRows(FloatMatrix from, int rows, int capacity, long segmentFloats) {
        FloatMatrix to = FloatMatrix.zeros(capacity, from.width(), segmentFloats);
        for (int row = 0; row < rows; row++) {
            from.copyRow(row, to.segment(row), to.offset(row));
        }
        return to;
    }

    /**
     * These vectors with {@code model} composing vectors for words outside the vocabulary (the vocabulary's own
     * vectors stay as they are); nothing is copied. Throws {@link IllegalArgumentException} when the model's
     * dimension differs from the vectors'.
     */
    public WordVectors withSubwords(SubwordVectors model) {
        if (model.dimension() != dimension) {
            throw new IllegalArgumentException("the subword model has dimension " + model.dimension()
                    + ", the vectors " + dimension);
        }
        return new WordVectors(words, index, vectors, unit, model);
    }

    /** The subword model that composes vectors for words outside the vocabulary, if there is one. */
    public Optional<SubwordVectors> subwords() {
        return Optional.ofNullable(subwords);
    }

    /** A copy of {@code vectors} with every row scaled to unit length, in parallel over blocks of rows. */
    private static FloatMatrix normalisedRows(FloatMatrix vectors) {
        FloatMatrix unit = vectors.copy();
        int rows = unit.rows();
        int dim = unit.width();
        int blocks = (int) ((rows + (long) NORMALISE_BLOCK - 1) / NORMALISE_BLOCK);
        IntStream.range(0, blocks).parallel().forEach(block -> {
            int end = (int) Math.min(rows, (block + 1L) * NORMALISE_BLOCK);
            for (int row = block * NORMALISE_BLOCK; row < end; row++) {
                float[] values = unit.segment(row);
                int from = unit.offset(row);
                double norm = Math.sqrt(VectorMath.dot(values, from, values, from, dim));
                // A zero vector stays zero: it is similar to nothing rather than NaN to everything.
                float scale = norm > 0 ? (float) (1 / norm) : 0f;
                for (int j = from; j < from + dim; j++) {
                    values[j] *= scale;
                }
            }
        });
        return unit;
    }

    public int size() {
        return words.length;
    }

    public int dimension() {
        return dimension;
    }

    /** The word with id {@code id}: its rank, 0 = most frequent. */
    public String word(int id) {
        return words[id];
    }

    /** The id of {@code word} (exact match), or -1. */
    public int id(String word) {
        return index.get(word);
    }

    /** Whether {@code word} is in the vocabulary. */
    public boolean contains(String word) {
        return index.get(word) >= 0;
    }

    /** Whether {@code word} has a vector: it is in the vocabulary, or the subword model composes one for it. */
    public boolean hasVector(String word) {
        return contains(word) || composes(word);
    }

    /** Whether {@code word} is outside the vocabulary and gets its vector from the subword model. */
    public boolean composes(String word) {
        return !contains(word) && subwords != null && subwords.composes(word);
    }

    /** A copy of the vector of {@code word}, or the vector composed for it (see {@link #hasVector}). */
    public float[] vector(String word) {
        int id = index.get(word);
        return id >= 0 ? vectors.row(id) : composed(word);
    }

    /** The unit-length vector of {@code word}, or of the vector composed for it (zeros for a zero vector). */
    public float[] unitVector(String word) {
        int id = index.get(word);
        if (id >= 0) {
            return unit.row(id);
        }
        float[] vector = composed(word);
        normalise(vector);
        return vector;
    }

    /** The words, most frequent first (a copy). */
    public String[] words() {
        return words.clone();
    }

    /** All vectors, row i being word i's (a copy, segmented as this one's). */
    public FloatMatrix vectors() {
        return vectors.copy();
    }

    /** Copies the unit-length vector of {@code id} into {@code dest} at {@code offset}. */
    public void unitVector(int id, float[] dest, int offset) {
        unit.copyRow(id, dest, offset);
    }

    /** Cosine similarity of two words (either may be composed). */
    public float similarity(String a, String b) {
        int ia = index.get(a);
        int ib = index.get(b);
        if (ia >= 0 && ib >= 0) {
            return similarity(ia, ib);
        }
        return VectorMath.dot(unitVector(a), 0, unitVector(b), 0, dimension);
    }

    /** Cosine similarity of two ids. */
    public float similarity(int a, int b) {
        return VectorMath.dot(unit.segment(a), unit.offset(a), unit.segment(b), unit.offset(b), dimension);
    }

    /** The {@code k} words most similar to {@code word} (which may be composed), best first, without itself. */
    public List<Neighbour> nearest(String word, int k) {
        return nearestToUnit(unitVector(word), k, new int[] {index.get(word)});
    }

    /** The {@code k} words most similar (by cosine) to {@code vector}, best first, leaving out {@code exclude}. */
    public List<Neighbour> nearest(float[] vector, int k, String... exclude) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("query has " + vector.length + " values, expected " + dimension);
        }
        int[] excluded = new int[exclude.length];
        for (int i = 0; i < exclude.length; i++) {
            excluded[i] = id(exclude[i]);
        }
        float[] query = vector.clone();
        normalise(query);
        return nearestToUnit(query, k, excluded);
    }

    /**
     * Answers "a is to b as c is to ?" with 3CosAdd: the {@code k} words nearest to
     * {@code unit(b) - unit(a) + unit(c)}, other than a, b and c; any of the three may be composed.
     */
    public List<Neighbour> analogy(String a, String b, String c, int k) {
        float[] ua = unitVector(a);
        float[] ub = unitVector(b);
        float[] uc = unitVector(c);
        float[] target = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            target[j] = ub[j] - ua[j] + uc[j];
        }
        return nearest(target, k, a, b, c);
    }

    /** Scales {@code vector} to unit length in place, as a query's; a zero vector stays zero. */
    private void normalise(float[] vector) {
        double norm = Math.sqrt(VectorMath.dot(vector, 0, vector, 0, dimension));
        for (int j = 0; j < dimension; j++) {
            vector[j] = norm > 0 ? (float) (vector[j] / norm) : 0f;
        }
    }

    private List<Neighbour> nearestToUnit(float[] query, int k, int[] excluded) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        // Rank with room for the excluded ids, then drop them: cheaper than testing every row.
        TopK top = new TopK((int) Math.min((long) k + excluded.length, words.length));
        for (int id = 0; id < words.length; id++) {
            top.offer(id, VectorMath.dot(query, 0, unit.segment(id), unit.offset(id), dimension));
        }
        List<Neighbour> result = new ArrayList<>(k);
        for (int r = 0; r < top.size() && result.size() < k; r++) {
            int id = top.id(r);
            if (!contains(excluded, id)) {
                result.add(new Neighbour(words[id], id, top.score(r)));
            }
        }
        return result;
    }

    private static boolean contains(int[] ids, int id) {
        for (int x : ids) {
            if (x == id) {
                return true;
            }
        }
        return false;
    }

    /** Writes all vectors, most frequent first, to {@code path} in {@code format}. */
    public void writeTo(Path path, VectorFormat format) throws IOException {
        writeTo(Files.newOutputStream(path), path.toString(), format);
    }

    /** Writes all vectors to {@code out} (closed afterwards); {@code target} names it in errors. */
    public void writeTo(OutputStream out, String target, VectorFormat format) throws IOException {
        try (VectorWriter writer = VectorFiles.openWriter(out, target, format, words.length, dimension)) {
            writer.writeAll(id -> words[id], vectors, Runtime.getRuntime().availableProcessors());
        }
    }

    /** The vector the subword model composes for {@code word}, outside the vocabulary; fails if there is none. */
    private float[] composed(String word) {
        if (subwords == null || !subwords.composes(word)) {
            throw new IllegalArgumentException("word not in vocabulary: '" + word + "'"
                    + (subwords == null ? "" : " (and without character n-grams to compose it from)"));
        }
        float[] vector = new float[dimension];
        subwords.vector(word, vector);
        return vector;
    }
}
