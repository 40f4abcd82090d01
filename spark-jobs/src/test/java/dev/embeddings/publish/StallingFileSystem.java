package dev.embeddings.publish;

import dev.embeddings.manifest.VectorsManifest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code stall:}, except that a publisher copying {@code vectors.txt} into a
 * version it is assembling ({@code .incoming-…}) stops for good after its first write, having created the file named
 * by the system property {@value #MARKER}: the moment a test kills it, with a version half-written.
 */
public final class StallingFileSystem extends RawLocalFileSystem {

    static final String SCHEME = "stall";
    static final String MARKER = "stall.marker";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        return stallIfPublishing(f, super.create(f, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        return stallIfPublishing(f, super.create(f, permission, overwrite, bufferSize, replication, blockSize,
                progress));
    }

    private FSDataOutputStream stallIfPublishing(Path f, FSDataOutputStream out) {
        boolean publishing = f.getName().equals(VectorsManifest.TEXT)
                && f.getParent().getName().startsWith(".incoming-");
        return publishing ? new FSDataOutputStream(new StallAfterFirstWrite(out), statistics) : out;
    }

    /** Passes on the first write, creates the marker file, then blocks for good. */
    static final class StallAfterFirstWrite extends FilterOutputStream {

        StallAfterFirstWrite(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
            Files.createFile(Paths.get(System.getProperty(MARKER)));
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // Only a kill ends this publisher.
                }
            }
        }
    }
}
