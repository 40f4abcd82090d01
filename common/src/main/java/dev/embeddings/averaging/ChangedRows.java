package dev.embeddings.averaging;

import dev.embeddings.matrix.RowUpdates;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The file format of the rows one worker sends another in a round: {@code "EMBROWS1"}, the row widths of the
 * model's matrices, the sender's round (the items it trained on, its weight in the merge, and its mean loss) and the
 * contraction of one of its updates ({@link RowUpdates}; NaN when the merge does not use it), then records in ascending (matrix, row) order — matrix, row, the sender's update count of the
 * row, the row's floats (little-endian) — and a closing matrix index of -1. A worker's changed rows and an owner's
 * merged rows have this one format; a reader detects a truncated file at its end.
 */
public final class ChangedRows {

    private static final byte[] MAGIC = "EMBROWS1".getBytes(StandardCharsets.US_ASCII);
    private static final int END = -1;
    private static final int BUFFER_BYTES = 1 << 16;

    private ChangedRows() {
    }

    private static long headerBytes(int matrices) {
        return MAGIC.length + 4 + 4L * matrices + 24;
    }

    /** A record's bytes: matrix, row, update count and the floats. */
    private static long recordBytes(int width) {
        return 4 + 8 + 4 + 4L * width;
    }

    /** Writes records in ascending (matrix, row) order; {@link #close} writes the end mark and closes the stream. */
    public static final class Writer implements Closeable {
        private final DataOutputStream out;
        private final int[] widths;
        private final ByteBuffer row;
        private final FloatBuffer rowFloats;
        private int lastMatrix;
        private long lastRow = -1;
        private long bytes;

        /**
         * @param items the sender's items this round (its weight in the merge is max(1, items)); 0 for merged rows
         * @param loss  the sender's mean loss this round; NaN for merged rows
         */
        public Writer(OutputStream out, int[] widths, long items, double loss, double contraction) throws IOException {
            this.out = new DataOutputStream(new BufferedOutputStream(out, BUFFER_BYTES));
            this.widths = widths.clone();
            this.row = ByteBuffer.allocate(4 * Arrays.stream(widths).max().orElse(1)).order(ByteOrder.LITTLE_ENDIAN);
            this.rowFloats = row.asFloatBuffer();
            this.out.write(MAGIC);
            this.out.writeInt(widths.length);
            for (int width : widths) {
                this.out.writeInt(width);
            }
            this.out.writeLong(items);
            this.out.writeDouble(loss);
            this.out.writeDouble(contraction);
            this.bytes = headerBytes(widths.length);
        }

        /** Appends row {@code rowIndex} of matrix {@code matrix}: its width's floats of {@code values} from offset. */
        public void write(int matrix, long rowIndex, int updates, float[] values, int offset) throws IOException {
            if (matrix < lastMatrix || (matrix == lastMatrix && rowIndex <= lastRow)) {
                throw new IllegalArgumentException("rows out of order: matrix " + matrix + " row " + rowIndex
                        + " after matrix " + lastMatrix + " row " + lastRow);
            }
            lastMatrix = matrix;
            lastRow = rowIndex;
            int width = widths[matrix];
            out.writeInt(matrix);
            out.writeLong(rowIndex);
            out.writeInt(updates);
            rowFloats.clear();
            rowFloats.put(values, offset, width);
            out.write(row.array(), 0, 4 * width);
            bytes += recordBytes(width);
        }

        /** Bytes of the file, the end mark included once closed. */
        public long bytes() {
            return bytes;
        }

        /** Writes the end mark and closes: only a file closed this way reads as complete. */
        @Override
        public void close() throws IOException {
            out.writeInt(END);
            bytes += 4;
            out.close();
        }

        /** Closes without the end mark, after a failure: readers find the file truncated. */
        public void abort() {
            try {
                out.close();
            } catch (IOException ignored) {
                // The file is incomplete either way.
            }
        }
    }

    /** Reads the records of one file in order: {@link #next} then the current record's accessors. */
    public static final class Reader implements Closeable {
        private final DataInputStream in;
        private final String name;
        private final int[] widths;
        private final long items;
        private final double loss;
        private final double contraction;
        private final float[] values;
        private final byte[] buffer;
        private final FloatBuffer bufferFloats;
        private int matrix = END;
        private long row;
        private int updates;
        private boolean ended;
        private long bytes;

        /** @param name the file's name, for error messages */
        public Reader(InputStream in, String name) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(in, BUFFER_BYTES));
            this.name = name;
            try {
                byte[] magic = new byte[MAGIC.length];
                this.in.readFully(magic);
                if (!Arrays.equals(magic, MAGIC)) {
                    throw new IOException(name + ": not a row exchange file (no EMBROWS1 signature)");
                }
                int count = this.in.readInt();
                if (count < 1 || count > 1024) {
                    throw new IOException(name + ": " + count + " matrices is out of range");
                }
                widths = new int[count];
                for (int m = 0; m < count; m++) {
                    widths[m] = this.in.readInt();
                    if (widths[m] < 1) {
                        throw new IOException(name + ": matrix " + m + " has width " + widths[m]);
                    }
                }
                items = this.in.readLong();
                loss = this.in.readDouble();
                contraction = this.in.readDouble();
                this.bytes = headerBytes(count);
            } catch (EOFException e) {
                throw new IOException(name + ": truncated header", e);
            }
            int maxWidth = Arrays.stream(widths).max().getAsInt();
            values = new float[maxWidth];
            buffer = new byte[4 * maxWidth];
            bufferFloats = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        }

        /** Moves to the next record; false at the end mark. */
        public boolean next() throws IOException {
            if (ended) {
                return false;
            }
            try {
                int m = in.readInt();
                this.bytes += 4;
                if (m == END) {
                    ended = true;
                    matrix = END;
                    return false;
                }
                if (m < 0 || m >= widths.length) {
                    throw new IOException(name + ": record of matrix " + m + " of " + widths.length);
                }
                long r = in.readLong();
                if (r < 0 || (m == matrix && r <= row) || m < matrix) {
                    throw new IOException(name + ": records out of order at matrix " + m + " row " + r);
                }
                matrix = m;
                row = r;
                updates = in.readInt();
                in.readFully(buffer, 0, 4 * widths[m]);
                this.bytes += recordBytes(widths[m]) - 4;
                bufferFloats.clear();
                bufferFloats.get(values, 0, widths[m]);
                return true;
            } catch (EOFException e) {
                throw new IOException(name + ": truncated (no end mark)", e);
            }
        }

        /** Bytes read so far. */
        public long bytes() {
            return bytes;
        }

        /** The items the sender trained on in the round. */
        public long items() {
            return items;
        }

        /** The sender's weight in the merge: max(1, items). */
        public double weight() {
            return Math.max(1, items);
        }

        public double loss() {
            return loss;
        }

        public double contraction() {
            return contraction;
        }

        /** The current record's matrix; -1 before the first record and at the end. */
        public int matrix() {
            return matrix;
        }

        public long row() {
            return row;
        }

        public int updates() {
            return updates;
        }

        /** The current record's floats in [0, width); the array is reused by the next record. */
        public float[] values() {
            return values;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
