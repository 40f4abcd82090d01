package dev.embeddings.corpus;

import dev.embeddings.io.Checksums;
import dev.embeddings.io.Json;
import dev.embeddings.vocab.Vocabulary;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A corpus directory written by the corpus job, opened for training: its manifest, its vocabulary (checked
 * against the manifest's checksum) and the location of its shards, on any Hadoop file system.
 */
public record CorpusDirectory(String path, CorpusManifest manifest, String manifestSha256, Vocabulary vocabulary) {

    /** Fails, naming the directory as {@code shown}, unless {@code root} holds a corpus manifest. */
    public static void requireManifest(FileSystem fs, Path root, String shown) throws IOException {
        if (!fs.exists(new Path(root, CorpusManifest.FILE))) {
            throw new FileNotFoundException("not a corpus directory (no " + CorpusManifest.FILE + "): " + shown
                    + "; create one with `embeddings corpus`");
        }
    }

    public static CorpusDirectory open(String path, Configuration conf) throws IOException {
        Path root = new Path(path);
        FileSystem fs = root.getFileSystem(conf);
        root = fs.makeQualified(root);
        requireManifest(fs, root, root.toString());
        Path manifestPath = new Path(root, CorpusManifest.FILE);
        byte[] manifestBytes;
        try (InputStream in = fs.open(manifestPath)) {
            manifestBytes = in.readAllBytes();
        }
        CorpusManifest manifest = Json.read(new java.io.ByteArrayInputStream(manifestBytes), CorpusManifest.class,
                manifestPath.toString());
        MessageDigest manifestDigest = Checksums.sha256();
        manifestDigest.update(manifestBytes);
        Path vocabularyPath = new Path(root, CorpusManifest.VOCABULARY_FILE);
        MessageDigest vocabularyDigest = Checksums.sha256();
        Vocabulary vocabulary;
        try (InputStream in = new DigestInputStream(fs.open(vocabularyPath), vocabularyDigest)) {
            vocabulary = Vocabulary.read(in, vocabularyPath.toString());
        }
        String sha = Checksums.hex(vocabularyDigest);
        if (!sha.equals(manifest.vocabularySha256())) {
            throw new IOException(vocabularyPath + " does not match its manifest's checksum (corrupt or edited)");
        }
        if (vocabulary.size() != manifest.vocabularySize()) {
            throw new IOException(vocabularyPath + " has " + vocabulary.size() + " words, the manifest says "
                    + manifest.vocabularySize());
        }
        return new CorpusDirectory(root.toString(), manifest, Checksums.hex(manifestDigest), vocabulary);
    }

    /** The full path of a shard listed in the manifest. */
    /** What a vectors manifest records of this corpus: where it is, its manifest's SHA-256 and its tokens. */
    public CorpusReference reference() {
        return new CorpusReference(path, manifestSha256, manifest.counts().inVocabularyTokens());
    }

    public String shardPath(CorpusManifest.Shard shard) {
        return new Path(new Path(path), shard.file()).toString();
    }
}
