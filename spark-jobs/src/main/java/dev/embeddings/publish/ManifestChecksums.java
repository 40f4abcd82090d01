package dev.embeddings.publish;

import dev.embeddings.io.Checksums;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.VectorsManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks a vectors directory against its {@code manifest.json}: every listed file must exist with the recorded
 * size and SHA-256. A directory entry ({@code name/}, e.g. {@code vectors.parquet/}) is the digest of its
 * {@code .parquet} files in path order, as {@link VectorsWriter} records it.
 */
public final class ManifestChecksums {

    private ManifestChecksums() {
    }

    public static VectorsManifest read(FileSystem fs, Path dir) throws IOException {
        Path file = new Path(dir, VectorsManifest.FILE);
        if (!fs.exists(file)) {
            throw new IOException(dir + " has no " + VectorsManifest.FILE + "; not a finished vectors directory");
        }
        try (InputStream in = fs.open(file)) {
            return Json.read(in, VectorsManifest.class, file.toString());
        }
    }

    /** Reads the manifest and verifies every file it lists; returns the manifest. */
    public static VectorsManifest verify(FileSystem fs, Path dir) throws IOException {
        VectorsManifest manifest = read(fs, dir);
        if (manifest.files() == null || manifest.files().isEmpty()) {
            throw new IOException(new Path(dir, VectorsManifest.FILE) + " lists no files");
        }
        for (VectorsManifest.FileEntry entry : manifest.files()) {
            verify(fs, dir, entry);
        }
        return manifest;
    }

    static void verify(FileSystem fs, Path dir, VectorsManifest.FileEntry entry) throws IOException {
        Path path = new Path(dir, entry.name());
        if (!fs.exists(path)) {
            throw new IOException(path + " is listed in the manifest but missing");
        }
        MessageDigest digest = Checksums.sha256();
        long bytes = 0;
        for (FileStatus part : parts(fs, path, entry.name())) {
            try (InputStream in = new DigestInputStream(fs.open(part.getPath()), digest)) {
                bytes += in.transferTo(OutputStream.nullOutputStream());
            }
        }
        check(path, entry, bytes, Checksums.hex(digest));
    }

    /** Fails unless {@code bytes} and {@code sha256} are what the manifest entry records for {@code path}. */
    static void check(Path path, VectorsManifest.FileEntry entry, long bytes, String sha256) throws IOException {
        if (bytes != entry.bytes() || !sha256.equalsIgnoreCase(entry.sha256())) {
            throw new IOException("checksum mismatch for " + path + ": the manifest records " + entry.bytes()
                    + " bytes, SHA-256 " + entry.sha256() + "; found " + bytes + " bytes, SHA-256 " + sha256
                    + " (corrupt or modified)");
        }
    }

    private static FileStatus[] parts(FileSystem fs, Path path, String name) throws IOException {
        if (!name.endsWith("/")) {
            return new FileStatus[] {fs.getFileStatus(path)};
        }
        FileStatus[] parts = fs.listStatus(path, p -> p.getName().endsWith(".parquet"));
        Arrays.sort(parts);
        return parts;
    }
}
