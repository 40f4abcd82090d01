package dev.embeddings.glove;

import dev.embeddings.io.Checksums;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * One partition of a saved co-occurrence matrix: a 16-byte header (magic {@code GLVC}, format version, entry
 * count), then the block's rows, columns and values as big-endian 4-byte arrays, 12 bytes per entry. Reading
 * fills a block's arrays directly through a 64 KiB buffer, so loading holds nothing beyond the block itself.
 * Both directions compute the file's SHA-256 on the way; a read fails, naming the file, when it is truncated,
 * longer than its header says or differs from the checksum recorded for it.
 */
public final class CooccurrenceFile {

    /** Changes when the layout (or the row-to-partition hash the files are cut by) changes. */
    public static final int FORMAT_VERSION = 1;
    static final int MAGIC = 0x474C5643;
    static final int HEADER_BYTES = 16;
    private static final int CHUNK_ELEMENTS = 1 << 14;

    private CooccurrenceFile() {
    }

    /** The size of the file of a block of {@code entries} entries. */
    public static long bytes(long entries) {
        return HEADER_BYTES + CooccurrenceBlock.BYTES_PER_ENTRY * entries;
    }

    /** Writes the block to {@code out} (not closed) and returns the SHA-256 of what was written. */
    public static String write(CooccurrenceBlock block, OutputStream out) throws IOException {
        MessageDigest digest = Checksums.sha256();
        byte[] buffer = new byte[4 * CHUNK_ELEMENTS];
        ByteBuffer.wrap(buffer).putInt(MAGIC).putInt(FORMAT_VERSION).putLong(block.size());
        digest.update(buffer, 0, HEADER_BYTES);
        out.write(buffer, 0, HEADER_BYTES);
        int n = block.size();
        writeArray(n, (b, from, length) -> b.asIntBuffer().put(block.rows(), from, length), buffer, digest, out);
        writeArray(n, (b, from, length) -> b.asIntBuffer().put(block.cols(), from, length), buffer, digest, out);
        writeArray(n, (b, from, length) -> b.asFloatBuffer().put(block.values(), from, length), buffer, digest, out);
        return Checksums.hex(digest);
    }

    /**
     * Reads the file {@code name} from {@code in} (read to its end, not closed), which must hold
     * {@code expectedEntries} entries and have the SHA-256 {@code expectedSha256}.
     */
    public static CooccurrenceBlock read(InputStream in, String name, long expectedEntries, String expectedSha256)
            throws IOException {
        MessageDigest digest = Checksums.sha256();
        byte[] buffer = new byte[4 * CHUNK_ELEMENTS];
        DataInputStream data = new DataInputStream(in);
        try {
            data.readFully(buffer, 0, HEADER_BYTES);
            ByteBuffer header = ByteBuffer.wrap(buffer, 0, HEADER_BYTES);
            int magic = header.getInt();
            int version = header.getInt();
            long entries = header.getLong();
            if (magic != MAGIC || version != FORMAT_VERSION) {
                throw new IOException(name + ": not a co-occurrence partition file of format " + FORMAT_VERSION);
            }
            if (entries != expectedEntries) {
                throw new IOException(name + ": holds " + entries + " entries, the manifest says " + expectedEntries);
            }
            digest.update(buffer, 0, HEADER_BYTES);
            int n = Math.toIntExact(entries);
            int[] rows = new int[n];
            int[] cols = new int[n];
            float[] values = new float[n];
            readArray(n, (b, from, length) -> b.asIntBuffer().get(rows, from, length), buffer, digest, data);
            readArray(n, (b, from, length) -> b.asIntBuffer().get(cols, from, length), buffer, digest, data);
            readArray(n, (b, from, length) -> b.asFloatBuffer().get(values, from, length), buffer, digest, data);
            if (data.read() >= 0) {
                throw new IOException(name + ": longer than its " + n + " entries (" + bytes(n) + " bytes)");
            }
            String sha = Checksums.hex(digest);
            if (!sha.equals(expectedSha256)) {
                throw new IOException(name + ": SHA-256 " + sha + " differs from the manifest's " + expectedSha256
                        + " (the file is corrupt)");
            }
            return new CooccurrenceBlock(rows, cols, values, n);
        } catch (EOFException e) {
            throw new IOException(name + ": truncated (shorter than the " + bytes(expectedEntries)
                    + " bytes of its " + expectedEntries + " entries)", e);
        }
    }

    /** Moves {@code length} elements starting at {@code from} between an array and a buffer. */
    private interface Chunk {
        void transfer(ByteBuffer buffer, int from, int length);
    }

    private static void writeArray(int n, Chunk chunk, byte[] buffer, MessageDigest digest, OutputStream out)
            throws IOException {
        for (int from = 0; from < n; from += CHUNK_ELEMENTS) {
            int length = Math.min(CHUNK_ELEMENTS, n - from);
            chunk.transfer(ByteBuffer.wrap(buffer), from, length);
            digest.update(buffer, 0, 4 * length);
            out.write(buffer, 0, 4 * length);
        }
    }

    private static void readArray(int n, Chunk chunk, byte[] buffer, MessageDigest digest, DataInputStream in)
            throws IOException {
        for (int from = 0; from < n; from += CHUNK_ELEMENTS) {
            int length = Math.min(CHUNK_ELEMENTS, n - from);
            in.readFully(buffer, 0, 4 * length);
            digest.update(buffer, 0, 4 * length);
            chunk.transfer(ByteBuffer.wrap(buffer), from, length);
        }
    }
}
