package dev.embeddings.vectors;

import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorFormat;
import dev.embeddings.formats.VectorReader;
import dev.embeddings.formats.VectorWriter;
import dev.embeddings.formats.WordIndex;
import dev.embeddings.matrix.FloatMatrix;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Trained word vectors for querying, like gensim's KeyedVectors: words most frequent first, their vectors as a
 * {@link FloatMatrix} (so a vocabulary may hold more than 2^31 floats), and a unit-length copy of every row so
 * cosine similarity is a dot product. Immutable and thread-safe.
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

    /** Takes {@code vectors} (one row per word) as is; the unit copy has the same segmenting. */
    private WordVectors(String[] words, WordIndex index, FloatMatrix vectors) {
        this.words = words;
        this.index = index;
        this.dimension = vectors.width();
        this.vectors = vectors;
        this.unit = normalisedRows(vectors);
    }

    /** Loads a vector file of any supported format (detected), sizing the matrix from the file's length. */
    public static WordVectors load(Path path) throws IOException {
        try (VectorReader reader = VectorFiles.openReader(path)) {
            return read(reader, reader.format().maxRows(Files.size(path), reader.dimension()),
                    FloatMatrix.DEFAULT_SEGMENT_FLOATS);
        }
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

    public boolean contains(String word) {
        return index.get(word) >= 0;
    }

    /** A copy of the vector of {@code word}. */
    public float[] vector(String word) {
        return vectors.row(require(word));
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

    /** Cosine similarity of two words. */
    public float similarity(String a, String b) {
        return similarity(require(a), require(b));
    }

    /** Cosine similarity of two ids. */
    public float similarity(int a, int b) {
        return VectorMath.dot(unit.segment(a), unit.offset(a), unit.segment(b), unit.offset(b), dimension);
    }

    /** The {@code k} words most similar to {@code word}, best first, without {@code word} itself. */
    public List<Neighbour> nearest(String word, int k) {
        int id = require(word);
        return nearestToUnit(unit.row(id), k, new int[] {id});
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
        double norm = Math.sqrt(VectorMath.dot(query, 0, query, 0, dimension));
        for (int j = 0; j < dimension; j++) {
            query[j] = norm > 0 ? (float) (query[j] / norm) : 0f;
        }
        return nearestToUnit(query, k, excluded);
    }

    /**
     * Answers "a is to b as c is to ?" with 3CosAdd: the {@code k} words nearest to
     * {@code unit(b) - unit(a) + unit(c)}, other than a, b and c.
     */
    public List<Neighbour> analogy(String a, String b, String c, int k) {
        int ia = require(a);
        int ib = require(b);
        int ic = require(c);
        float[] target = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            target[j] = unit.get(ib, j) - unit.get(ia, j) + unit.get(ic, j);
        }
        return nearest(target, k, a, b, c);
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

    private int require(String word) {
        int id = index.get(word);
        if (id < 0) {
            throw new IllegalArgumentException("word not in vocabulary: '" + word + "'");
        }
        return id;
    }
}
