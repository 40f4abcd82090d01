package dev.embeddings.matrix;

import java.util.Arrays;

/**
 * A dense rows x width float matrix, row-major, stored as segments of whole rows so that it may hold more than one
 * Java array's 2^31 floats (10 M words x 300 is 3 x 10^9). Every segment but the last holds the same power-of-two
 * number of rows, so finding a row is a shift and a mask, and a row never straddles two segments: hot loops take
 * {@link #segment(int)} and {@link #offset(int)} once per row and then work on one {@code float[]}.
 *
 * <p>Rows are {@code int} (a vocabulary id); element counts and byte sizes are {@code long}. The matrix is live and
 * not synchronised: trainer threads update its rows in place, lock-free, as word2vec.c's threads share syn0.
 * Memory: 4 x rows x width bytes plus one array header per segment.
 */
public final class FloatMatrix {

    /**
     * Floats per segment by default: 2^28 (1 GiB). Small enough that a multi-million-word model already runs on
     * several segments (the path a 10 M-word model needs is the one in daily use), large enough that a row lookup's
     * shift and mask are all it costs.
     */
    public static final long DEFAULT_SEGMENT_FLOATS = 1L << 28;

    private static final int FLOATS_PER_CACHE_LINE = 16;

    private final int rows;
    private final int width;
    private final int shift;
    private final int mask;
    private final float[][] segments;

    private FloatMatrix(int rows, int width, int shift, float[][] segments) {
        this.rows = rows;
        this.width = width;
        this.shift = shift;
        this.mask = (1 << shift) - 1;
        this.segments = segments;
    }

    /** A matrix of zeros in segments of at most {@link #DEFAULT_SEGMENT_FLOATS} floats. */
    public static FloatMatrix zeros(int rows, int width) {
        return zeros(rows, width, DEFAULT_SEGMENT_FLOATS);
    }

    /**
     * A matrix of zeros in segments of at most {@code segmentFloats} floats (but at least one row): tests shrink it
     * to exercise the multi-segment paths without allocating gigabytes.
     */
    public static FloatMatrix zeros(int rows, int width, long segmentFloats) {
        if (rows < 0 || width < 1 || segmentFloats < 1) {
            throw new IllegalArgumentException("a matrix needs rows >= 0, width >= 1 and segments of >= 1 float, got "
                    + rows + " x " + width + " in segments of " + segmentFloats);
        }
        long rowsFitting = Math.max(1, Math.min(segmentFloats / width, 1 << 30));
        if (rowsFitting * width > Integer.MAX_VALUE - 16) {
            rowsFitting = (Integer.MAX_VALUE - 16) / width;
        }
        int shift = 31 - Integer.numberOfLeadingZeros((int) Math.max(1, rowsFitting));
        int segmentRows = 1 << shift;
        int count = (int) ((rows + (long) segmentRows - 1) >>> shift);
        float[][] segments = new float[count][];
        for (int s = 0; s < count; s++) {
            int inSegment = (int) Math.min(segmentRows, rows - ((long) s << shift));
            segments[s] = new float[inSegment * width];
        }
        return new FloatMatrix(rows, width, shift, segments);
    }

    /** Wraps one row-major array (not copied) of a whole number of rows as a single-segment matrix. */
    public static FloatMatrix wrap(float[] values, int width) {
        if (width < 1 || values.length % width != 0) {
            throw new IllegalArgumentException(values.length + " floats are not a whole number of rows of width "
                    + width);
        }
        int rows = values.length / width;
        if (rows > 1 << 30) {
            throw new IllegalArgumentException(rows + " rows are more than one segment holds; use zeros(rows, width)");
        }
        int shift = rows <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(rows - 1);
        return new FloatMatrix(rows, width, shift, new float[][] {values});
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    /** rows x width. */
    public long size() {
        return (long) rows * width;
    }

    /** Bytes of the values: 4 x rows x width. */
    public long bytes() {
        return Float.BYTES * size();
    }

    /** The array holding {@code row}; its values start at {@link #offset(int)}. */
    public float[] segment(int row) {
        return segments[row >>> shift];
    }

    /** Where {@code row} starts within {@link #segment(int)}. */
    public int offset(int row) {
        return (row & mask) * width;
    }

    public float get(int row, int column) {
        return segments[row >>> shift][(row & mask) * width + column];
    }

    public void set(int row, int column, float value) {
        segments[row >>> shift][(row & mask) * width + column] = value;
    }

    /** Adds {@code delta} to one value (e.g. a bias). */
    public void add(int row, int column, float delta) {
        segments[row >>> shift][(row & mask) * width + column] += delta;
    }

    /**
     * Reads one value per 64-byte cache line of {@code row} and returns their sum, for a caller to keep so the reads
     * stay: a row read this way ahead of its use has its cache misses overlap with other work (trainers touch every row
     * a step will use before using any, as rows of a large model are mostly out of cache).
     */
    public float touch(int row) {
        float[] segment = segments[row >>> shift];
        float sum = 0;
        for (int k = (row & mask) * width, end = k + width; k < end; k += FLOATS_PER_CACHE_LINE) {
            sum += segment[k];
        }
        return sum;
    }

    /** A copy of {@code row}. */
    public float[] row(int row) {
        float[] copy = new float[width];
        copyRow(row, copy, 0);
        return copy;
    }

    /** Copies {@code row} into {@code target} from {@code targetOffset}. */
    public void copyRow(int row, float[] target, int targetOffset) {
        System.arraycopy(segment(row), offset(row), target, targetOffset, width);
    }

    /** Overwrites {@code row} with {@code width} floats of {@code source} from {@code sourceOffset}. */
    public void setRow(int row, float[] source, int sourceOffset) {
        System.arraycopy(source, sourceOffset, segment(row), offset(row), width);
    }

    /** Segments in row order, for bulk work (filling, reading, writing); each holds whole rows. */
    public int segmentCount() {
        return segments.length;
    }

    /** Segment {@code s} (live), every segment but the last holding {@link #segmentRows()} rows. */
    public float[] segmentArray(int s) {
        return segments[s];
    }

    /** Rows per segment (the last may hold fewer). */
    public int segmentRows() {
        return 1 << shift;
    }

    public void fill(float value) {
        for (float[] segment : segments) {
            Arrays.fill(segment, value);
        }
    }

    /** A deep copy with the same segmenting. */
    public FloatMatrix copy() {
        float[][] copies = new float[segments.length][];
        for (int s = 0; s < segments.length; s++) {
            copies[s] = segments[s].clone();
        }
        return new FloatMatrix(rows, width, shift, copies);
    }

    /** this += other, element by element; both have the same shape. */
    public void addAll(FloatMatrix other) {
        requireSameShape(other);
        for (int row = 0; row < rows; row++) {
            float[] to = segment(row);
            float[] from = other.segment(row);
            int at = offset(row);
            int fromAt = other.offset(row);
            for (int k = 0; k < width; k++) {
                to[at + k] += from[fromAt + k];
            }
        }
    }

    /** Whether both hold the same shape and the same values bit for bit, whatever their segmenting. */
    public boolean contentEquals(FloatMatrix other) {
        if (rows != other.rows || width != other.width) {
            return false;
        }
        for (int row = 0; row < rows; row++) {
            if (!Arrays.equals(segment(row), offset(row), offset(row) + width,
                    other.segment(row), other.offset(row), other.offset(row) + width)) {
                return false;
            }
        }
        return true;
    }

    /** The values as one row-major array (a copy), for matrices that fit one array, such as small models in tests. */
    public float[] toArray() {
        if (size() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException(rows + " x " + width + " floats do not fit one Java array");
        }
        float[] all = new float[(int) size()];
        int at = 0;
        for (float[] segment : segments) {
            System.arraycopy(segment, 0, all, at, segment.length);
            at += segment.length;
        }
        return all;
    }

    private void requireSameShape(FloatMatrix other) {
        if (rows != other.rows || width != other.width) {
            throw new IllegalArgumentException("matrix of " + other.rows + " x " + other.width + ", expected "
                    + rows + " x " + width);
        }
    }
}
