package dev.embeddings.manifest;

import dev.embeddings.corpus.CorpusReference;
import java.util.List;

/**
 * {@code manifest.json} of a vectors directory: provenance (tool, version, parameters, the corpus it was trained
 * on), what it holds, how well and how fast it trained, and the SHA-256 of every file, so a consumer can verify
 * what it loads and a run can be traced and reproduced.
 *
 * @param job        the training job ("word2vec", "glove")
 * @param parameters every training parameter
 * @param corpus     the corpus directory and its manifest's SHA-256
 * @param metrics    how the training went (loss, words/s, seconds...)
 * @param memory     what the job held, in bytes (per executor, on the driver)
 */
public record VectorsManifest(
        String tool,
        String version,
        String job,
        TrainingParameters parameters,
        CorpusReference corpus,
        int vocabularySize,
        int dimension,
        TrainingMetrics metrics,
        MemoryHeld memory,
        List<FileEntry> files,
        String started,
        String finished) {

    public static final String FILE = "manifest.json";
    public static final String BINARY = "vectors.bin";
    public static final String TEXT = "vectors.txt";
    public static final String VOCABULARY = "vocab.tsv";
    public static final String PARQUET = "vectors.parquet";
    /** The fastText model (.bin) of a subword training: input and output matrices, loadable by fastText. */
    public static final String FASTTEXT_MODEL = "model.bin";

    /** A file of the directory (relative name), its size and checksum; for a directory, of its files in order. */
    public record FileEntry(String name, long bytes, String sha256) {
    }
}
