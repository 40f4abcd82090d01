package dev.embeddings.refresh;

import dev.embeddings.align.AlignmentReport;
import dev.embeddings.align.ProcrustesAlignment;
import dev.embeddings.align.WordDrift;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.TrainingMetrics;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.publish.VectorsWriter;
import dev.embeddings.spark.StagedOutput;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.vocab.Vocabulary;
import dev.embeddings.word2vec.Word2VecJob;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The directory a refresh publishes, written from the trained model: its word vectors rotated into the previous
 * version's space (vectors.bin, vectors.txt, vectors.parquet/ if asked, and report.html's neighbours and PCA map
 * all show the rotated vectors), {@code drift.tsv}, {@code refresh.json}, and a manifest that keeps the training
 * provenance, adds the {@link AlignmentReport} to its metrics and checksums exactly these files, with the downstream
 * models in {@code models/<task>/} if there are tasks (see {@link DownstreamModels}).
 *
 * <p>Only the input (word) vectors are published, so they are all that is rotated: the output vectors stay in the
 * training run, and a warm start from a published version gives its words these aligned vectors with fresh output
 * vectors, so the next run trains on in the same space.
 */
final class RefreshOutput {

    private RefreshOutput() {
    }

    /** The version written: its manifest, and its record with the downstream results. */
    record Written(VectorsManifest manifest, RefreshRecord record) {
    }

    /**
     * Writes the version to {@code dir} (replacing a leftover); {@code alignment} is null for a first version, which
     * is published as trained. With {@code downstream} (else null), its models are trained on the version's vectors
     * and written into it before the record and the manifest, whether or not they pass their gates: a run that fails
     * part-way leaves no version in {@code dir}.
     */
    static Written write(SparkSession spark, String dir, Word2VecJob.Result trained,
            ProcrustesAlignment alignment, RefreshRecord record, boolean parquet, DownstreamModels downstream)
            throws IOException {
        Vocabulary vocabulary = trained.vocabulary();
        FloatMatrix vectors = alignment == null ? trained.model().input() : alignment.apply(trained.model().input());
        VectorsManifest trainedManifest = trained.manifest();
        try (StagedOutput output = StagedOutput.begin(dir, spark.sparkContext().hadoopConfiguration(), true)) {
            VectorsWriter writer = new VectorsWriter(output);
            writer.writeVectors(vocabulary, vectors);
            if (parquet) {
                writer.writeParquet(vocabulary, vectors);
            }
            if (alignment != null) {
                writer.write(AlignmentReport.DRIFT_FILE, out -> writeDrift(alignment, out));
            }
            RefreshRecord complete = downstream == null ? record : record.withDownstream(downstream.trainInto(writer,
                    output.fileSystem(), new Path(output.staging(), VectorsManifest.BINARY)));
            writer.write(RefreshRecord.FILE, out -> Json.write(out, complete));
            TrainingMetrics metrics = record.alignment() == null ? trainedManifest.metrics()
                    : trainedManifest.metrics().withAlignment(record.alignment());
            VectorsManifest manifest = writer.writeReportAndManifest(new VectorsManifest(trainedManifest.tool(),
                    trainedManifest.version(), trainedManifest.job(), trainedManifest.parameters(),
                    trainedManifest.corpus(), trainedManifest.vocabularySize(), trainedManifest.dimension(), metrics,
                    trainedManifest.memory(), writer.files(), trainedManifest.started(), Instant.now().toString()),
                    WordVectors.view(vocabulary.words(), vectors));
            output.commit();
            return new Written(manifest, complete);
        }
    }

    /** {@code word<TAB>drift} for every shared word, largest drift first, after a {@code word	drift} header. */
    private static void writeDrift(ProcrustesAlignment alignment, OutputStream out) throws IOException {
        // Not closed: VectorsWriter closes the stream after digesting it.
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        text.write("word\tdrift\n");
        for (WordDrift drift : alignment.topMovers(alignment.sharedWords())) {
            text.write(drift.word());
            text.write(String.format(Locale.ROOT, "\t%.6f\n", drift.drift()));
        }
        text.flush();
    }
}
