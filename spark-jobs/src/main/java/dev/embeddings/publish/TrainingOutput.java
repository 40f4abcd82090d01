package dev.embeddings.publish;

import dev.embeddings.Version;
import dev.embeddings.averaging.MergeRule;
import dev.embeddings.corpus.CorpusReference;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.MemoryHeld;
import dev.embeddings.manifest.TrainingMetrics;
import dev.embeddings.manifest.TrainingParameters;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.spark.StagedOutput;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What every training job leaves in its staged output once the model is trained: the vectors in the word2vec
 * formats (and Parquet when asked), any model file of the job's (a subword word2vec's fastText {@code model.bin}),
 * {@code report.html}, then {@code manifest.json} recording the parameters, the corpus, the metrics and the memory
 * held, with the checksum of every file.
 *
 * @param parquet whether to write {@code vectors.parquet/} too
 */
public record TrainingOutput(StagedOutput output, boolean parquet, CorpusReference corpus,
                             Vocabulary vocabulary) {

    /**
     * The parameters every training job records, by name: its training config's fields, then how it was distributed.
     * Its checkpoints' fingerprint is made of these; the manifest holds them as {@link TrainingParameters}.
     */
    public static Map<String, Object> parameters(Object training, int workers, int syncsPerEpoch, MergeRule merge,
                                                 String init) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = Json.MAPPER.convertValue(training, LinkedHashMap.class);
        p.put("workers", workers);
        p.put("syncsPerEpoch", syncsPerEpoch);
        p.put("merge", merge.name().toLowerCase(Locale.ROOT));
        p.put("init", init);
        return p;
    }

    /**
     * Writes the files into the staging directory (the manifest last) without committing it.
     *
     * @param vectors row i = the vector of vocabulary word i
     * @param started when the job started (ISO-8601)
     * @return the manifest as written
     */
    public VectorsManifest write(String job, TrainingParameters parameters, FloatMatrix vectors,
                                 TrainingMetrics metrics, MemoryHeld memory, String started)
            throws IOException {
        return write(job, parameters, vectors, Map.of(), metrics, memory, started);
    }

    /**
     * {@link #write(String, TrainingParameters, FloatMatrix, TrainingMetrics, MemoryHeld, String)} with model files
     * besides the vectors.
     *
     * @param models each file's name and how to stream its content, written after the vectors
     */
    public VectorsManifest write(String job, TrainingParameters parameters, FloatMatrix vectors,
                                 Map<String, VectorsWriter.Content> models, TrainingMetrics metrics,
                                 MemoryHeld memory, String started) throws IOException {
        VectorsWriter writer = new VectorsWriter(output);
        writer.writeVectors(vocabulary, vectors);
        if (parquet) {
            writer.writeParquet(vocabulary, vectors);
        }
        for (Map.Entry<String, VectorsWriter.Content> model : models.entrySet()) {
            writer.write(model.getKey(), model.getValue());
        }
        VectorsManifest manifest = new VectorsManifest(Version.TOOL, Version.VERSION, job, parameters,
                corpus, vocabulary.size(), vectors.width(), metrics, memory, writer.files(), started,
                Instant.now().toString());
        return writer.writeReportAndManifest(manifest, WordVectors.view(vocabulary.words(), vectors));
    }
}
