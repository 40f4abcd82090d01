package dev.embeddings.publish;

import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorFormat;
import dev.embeddings.formats.VectorWriter;
import dev.embeddings.io.Checksums;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.report.RunReport;
import dev.embeddings.spark.StagedOutput;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a trained model's files into a staging directory: {@code vectors.bin} (word2vec binary),
 * {@code vectors.txt} (word2vec text, = fastText .vec), optionally {@code vectors.parquet/}, and {@code vocab.tsv};
 * returns each file's size and SHA-256 for the manifest, which {@link #writeManifest} writes last.
 */
public final class VectorsWriter {

    private final FileSystem fs;
    private final Path dir;
    private final List<VectorsManifest.FileEntry> files = new ArrayList<>();

    public VectorsWriter(StagedOutput output) {
        this.fs = output.fileSystem();
        this.dir = output.staging();
    }

    /** Writes the vectors (row i = word i of the vocabulary) in both word2vec formats. */
    public void writeVectors(Vocabulary vocabulary, FloatMatrix vectors) throws IOException {
        int dim = vectors.width();
        for (VectorFormat format : new VectorFormat[] {VectorFormat.WORD2VEC_BINARY, VectorFormat.WORD2VEC_TEXT}) {
            String name = format == VectorFormat.WORD2VEC_BINARY ? VectorsManifest.BINARY : VectorsManifest.TEXT;
            write(name, out -> {
                try (VectorWriter w = VectorFiles.openWriter(out, name, format, vocabulary.size(), dim)) {
                    w.writeAll(vocabulary::word, vectors, Runtime.getRuntime().availableProcessors());
                }
            });
        }
        write(VectorsManifest.VOCABULARY, vocabulary::write);
    }

    /**
     * Writes {@code vectors.parquet/} (word: string, vector: array&lt;float&gt;, count: long) as one file, streamed from
     * the matrix; Spark reads it with {@code spark.read().parquet(dir)}.
     */
    public void writeParquet(Vocabulary vocabulary, FloatMatrix vectors) throws IOException {
        write(VectorsManifest.PARQUET + "/", new Path(new Path(dir, VectorsManifest.PARQUET), ParquetVectors.PART),
                out -> ParquetVectors.write(out, fs.getConf(), vocabulary, vectors));
    }

    /** Any further file (e.g. a report), recorded in the manifest like the vectors. */
    public void write(String name, Content content) throws IOException {
        write(name, new Path(dir, name), content);
    }

    /** Writes {@code path} and records it in the manifest as {@code name} with its size and SHA-256. */
    private void write(String name, Path path, Content content) throws IOException {
        MessageDigest digest = Checksums.sha256();
        try (OutputStream out = new DigestOutputStream(fs.create(path, false), digest)) {
            content.writeTo(out);
        }
        files.add(new VectorsManifest.FileEntry(name, fs.getFileStatus(path).getLen(), Checksums.hex(digest)));
    }

    public List<VectorsManifest.FileEntry> files() {
        return List.copyOf(files);
    }

    /**
     * Writes {@code report.html} (rendered from {@code manifest} and the vectors), then the manifest itself with the
     * report added to its file list; returns that final manifest. The manifest is the last file written.
     */
    public VectorsManifest writeReportAndManifest(VectorsManifest manifest, WordVectors vectors) throws IOException {
        String html = RunReport.render(manifest, vectors, null);
        write(RunReport.FILE, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
        VectorsManifest complete = new VectorsManifest(manifest.tool(), manifest.version(), manifest.job(),
                manifest.parameters(), manifest.corpus(), manifest.vocabularySize(), manifest.dimension(),
                manifest.metrics(), manifest.memory(), files(), manifest.started(), manifest.finished());
        try (OutputStream out = fs.create(new Path(dir, VectorsManifest.FILE), false)) {
            Json.write(out, complete);
        }
        return complete;
    }

    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }
}
