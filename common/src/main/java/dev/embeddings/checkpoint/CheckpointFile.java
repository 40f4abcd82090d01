package dev.embeddings.checkpoint;

import dev.embeddings.io.Checksums;
import dev.embeddings.io.Json;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.Parameters;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The checkpoint file format: {@code "EMBCKPT1"}, the length of a JSON header and the header (fingerprint,
 * progress, each matrix's length and row width), every matrix as little-endian floats, then the SHA-256 of all
 * the bytes before it. The checksum makes a truncated or damaged file detectable before any of it is used:
 * {@link #verify} reads a file through once without keeping its arrays; {@link #load} then reads it into the
 * model's own arrays, so resuming needs no second copy of the model in memory.
 */
public final class CheckpointFile {

    private static final byte[] MAGIC = "EMBCKPT1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER_BYTES = 64 << 20;
    private static final int DIGEST_BYTES = 32;
    private static final int CHUNK_FLOATS = 16 << 10;

    private CheckpointFile() {
    }

    /**
     * What a checkpoint holds besides its arrays.
     *
     * @param fingerprint what the training must match to resume from it
     * @param progress    how far the training had come
     * @param lengths     each matrix's length in floats
     * @param widths      each matrix's row width
     */
    public record Header(Fingerprint fingerprint, Progress progress, long[] lengths, int[] widths) {

        /** Whether {@code parameters} has exactly the matrices this checkpoint holds. */
        public boolean fits(Parameters parameters) {
            if (parameters.count() != lengths.length) {
                return false;
            }
            for (int m = 0; m < lengths.length; m++) {
                if (parameters.matrix(m).size() != lengths[m] || parameters.width(m) != widths[m]) {
                    return false;
                }
            }
            return true;
        }

        public long bytes() {
            return 4 * Arrays.stream(lengths).sum();
        }
    }

    /** Writes a checkpoint of {@code parameters} at {@code progress}; does not close {@code out}. */
    public static void write(OutputStream out, Fingerprint fingerprint, Progress progress, Parameters parameters)
            throws IOException {
        long[] lengths = new long[parameters.count()];
        int[] widths = new int[parameters.count()];
        for (int m = 0; m < lengths.length; m++) {
            lengths[m] = parameters.matrix(m).size();
            widths[m] = parameters.width(m);
        }
        byte[] header = Json.MAPPER.writeValueAsBytes(new Header(fingerprint, progress, lengths, widths));
        MessageDigest digest = Checksums.sha256();
        DataOutputStream data = new DataOutputStream(new DigestOutputStream(new BufferedOutputStream(out, 1 << 16),
                digest));
        data.write(MAGIC);
        data.writeInt(header.length);
        data.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
        for (int m = 0; m < lengths.length; m++) {
            FloatMatrix matrix = parameters.matrix(m);
            for (int s = 0; s < matrix.segmentCount(); s++) {
                float[] segment = matrix.segmentArray(s);
                for (int from = 0; from < segment.length; from += CHUNK_FLOATS) {
                    int n = Math.min(CHUNK_FLOATS, segment.length - from);
                    chunk.clear();
                    chunk.asFloatBuffer().put(segment, from, n);
                    data.write(chunk.array(), 0, 4 * n);
                }
            }
        }
        data.flush();
        out.write(digest.digest());
        out.flush();
    }

    /** Reads a whole checkpoint, checking its layout and checksum, and returns its header; keeps no arrays. */
    public static Header verify(InputStream in) throws IOException {
        return read(in, null);
    }

    /**
     * Reads a checkpoint into {@code parameters}' arrays, which must have the checkpoint's shapes. Verify the file
     * first: a file that turns out damaged here has already overwritten part of the arrays.
     */
    public static Header load(InputStream in, Parameters parameters) throws IOException {
        return read(in, parameters);
    }

    private static Header read(InputStream in, Parameters into) throws IOException {
        MessageDigest digest = Checksums.sha256();
        DigestInputStream digested = new DigestInputStream(new BufferedInputStream(in, 1 << 16), digest);
        DataInputStream data = new DataInputStream(digested);
        try {
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CorruptCheckpointException("not a checkpoint (no EMBCKPT1 signature)");
            }
            int headerBytes = data.readInt();
            if (headerBytes < 2 || headerBytes > MAX_HEADER_BYTES) {
                throw new CorruptCheckpointException("header length " + headerBytes + " is out of range");
            }
            byte[] json = new byte[headerBytes];
            data.readFully(json);
            Header header = parseHeader(json);
            if (into != null && !header.fits(into)) {
                throw new IllegalArgumentException("the checkpoint's matrices (lengths "
                        + Arrays.toString(header.lengths()) + ") do not fit the model's");
            }
            byte[] chunk = new byte[4 * CHUNK_FLOATS];
            ByteBuffer floats = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            for (int m = 0; m < header.lengths().length; m++) {
                if (into == null) {
                    for (long left = header.lengths()[m]; left > 0; left -= CHUNK_FLOATS) {
                        data.readFully(chunk, 0, 4 * (int) Math.min(CHUNK_FLOATS, left));
                    }
                    continue;
                }
                FloatMatrix matrix = into.matrix(m);
                for (int s = 0; s < matrix.segmentCount(); s++) {
                    float[] segment = matrix.segmentArray(s);
                    for (int from = 0; from < segment.length; from += CHUNK_FLOATS) {
                        int n = Math.min(CHUNK_FLOATS, segment.length - from);
                        data.readFully(chunk, 0, 4 * n);
                        floats.clear();
                        floats.asFloatBuffer().get(segment, from, n);
                    }
                }
            }
            byte[] expected = digest.digest();
            byte[] stored = new byte[DIGEST_BYTES];
            digested.on(false);
            data.readFully(stored);
            if (!MessageDigest.isEqual(expected, stored)) {
                throw new CorruptCheckpointException("checksum mismatch: the file is damaged");
            }
            if (data.read() != -1) {
                throw new CorruptCheckpointException("unexpected bytes after the checksum");
            }
            return header;
        } catch (EOFException e) {
            throw new CorruptCheckpointException("truncated", e);
        }
    }

    private static Header parseHeader(byte[] json) throws CorruptCheckpointException {
        Header header;
        try {
            header = Json.MAPPER.readValue(json, Header.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptCheckpointException("unreadable header: " + e.getMessage(), e);
        }
        if (header.fingerprint() == null || header.progress() == null || header.lengths() == null
                || header.widths() == null || header.lengths().length != header.widths().length) {
            throw new CorruptCheckpointException("incomplete header");
        }
        for (int m = 0; m < header.lengths().length; m++) {
            if (header.lengths()[m] < 0 || header.widths()[m] < 1 || header.lengths()[m] % header.widths()[m] != 0) {
                throw new CorruptCheckpointException("matrix " + m + " has length " + header.lengths()[m]
                        + " and width " + header.widths()[m]);
            }
        }
        return header;
    }
}
