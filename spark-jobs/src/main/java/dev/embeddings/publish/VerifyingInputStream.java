package dev.embeddings.publish;

import dev.embeddings.io.Checksums;
import dev.embeddings.manifest.VectorsManifest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import org.apache.hadoop.fs.Path;

/**
 * A published file read in one pass while its SHA-256 is computed: {@link #close()} reads what the consumer left
 * unread and fails if the file does not match its manifest entry, so a loader that closes its stream (as
 * {@code WordVectors.load} does) cannot return vectors from a corrupt file without an error.
 */
final class VerifyingInputStream extends FilterInputStream {

    private final Path path;
    private final VectorsManifest.FileEntry entry;
    private final MessageDigest digest;
    private long bytes;
    private boolean closed;

    VerifyingInputStream(InputStream in, Path path, VectorsManifest.FileEntry entry) {
        this(in, path, entry, Checksums.sha256());
    }

    private VerifyingInputStream(InputStream in, Path path, VectorsManifest.FileEntry entry, MessageDigest digest) {
        super(new DigestInputStream(in, digest));
        this.path = path;
        this.entry = entry;
        this.digest = digest;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            bytes++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            bytes += n;
        }
        return n;
    }

    /** Skipping would leave bytes out of the digest: read them instead. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            bytes += in.transferTo(OutputStream.nullOutputStream());
        } finally {
            in.close();
        }
        ManifestChecksums.check(path, entry, bytes, Checksums.hex(digest));
    }
}
