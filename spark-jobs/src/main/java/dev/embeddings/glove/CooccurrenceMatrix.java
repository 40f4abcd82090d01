package dev.embeddings.glove;

import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.glove.CooccurrenceManifest.Fingerprint;
import dev.embeddings.glove.CooccurrenceManifest.PartitionFile;
import dev.embeddings.manifest.TrainingMetrics;
import dev.embeddings.spark.FileSystems;
import dev.embeddings.spark.SerializableConfiguration;
import dev.embeddings.spark.StagedOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The co-occurrence entries a GloVe run trains on, cached, one block per worker: counted from the corpus
 * ({@link CooccurrenceCounting}), or, with {@code --cooccurrence DIR}, loaded from the matrix an earlier run saved
 * there when its {@link Fingerprint} matches this run's, skipping the count. When DIR does not exist the run
 * counts and saves its matrix there; when DIR holds anything else (another corpus or window, an incomplete or
 * corrupt matrix, unrelated files) the run fails naming the difference, unless {@code --overwrite-cooccurrence}
 * lets it recount and replace it.
 */
final class CooccurrenceMatrix {

    private static final Logger LOG = LoggerFactory.getLogger(CooccurrenceMatrix.class);

    private CooccurrenceMatrix() {
    }

    /** The cached entries and how they were obtained, as the run's manifest records it. */
    record Prepared(JavaRDD<CooccurrenceBlock> entries, TrainingMetrics.Cooccurrence metrics) {

        long entryCount() {
            return metrics.entries();
        }

        /** Seconds counting (or loading) the entries. */
        double seconds() {
            return metrics.seconds();
        }
    }

    static Prepared prepare(JavaSparkContext jsc, CorpusDirectory corpus, GloveJobConfig config) throws IOException {
        Configuration hadoop = jsc.hadoopConfiguration();
        SerializableConfiguration conf = new SerializableConfiguration(hadoop);
        if (config.cooccurrence() == null) {
            return count(jsc, corpus, config, conf);
        }
        Path dir = new Path(config.cooccurrence());
        FileSystem fs = FileSystems.get(dir, hadoop);
        dir = fs.makeQualified(dir);
        Fingerprint wanted = Fingerprint.of(corpus.manifestSha256(), corpus.vocabulary().size(), config.training());
        SavedCooccurrences.Found found = SavedCooccurrences.inspect(dir, fs);
        String problem = found.problem();
        if (problem == null && found.manifest() != null) {
            problem = found.manifest().fingerprint().difference(wanted);
            if (problem == null) {
                try {
                    return load(jsc, dir, found.manifest(), config.workers(), conf);
                } catch (Exception e) { // Spark rethrows the task's IOException inside a SparkException
                    problem = "a partition file cannot be read: " + rootMessage(e);
                }
            } else {
                problem = "it was counted with other settings (" + problem + ")";
            }
        }
        if (problem != null) {
            if (!config.overwriteCooccurrence()) {
                throw new IOException("--cooccurrence " + dir + ": " + problem + ". Pass --overwrite-cooccurrence to "
                        + "recount and replace it, or give another directory");
            }
            LOG.warn("glove: replacing the co-occurrence matrix in {}: {}", dir, problem);
        }
        Prepared counted = count(jsc, corpus, config, conf);
        return save(counted, dir, wanted, corpus, config.overwriteCooccurrence(), hadoop, conf);
    }

    private static Prepared count(JavaSparkContext jsc, CorpusDirectory corpus, GloveJobConfig config,
            SerializableConfiguration conf) {
        long start = System.nanoTime();
        jsc.setJobDescription("glove: counting co-occurrences (window " + config.training().window() + ")");
        JavaRDD<CooccurrenceBlock> entries = CooccurrenceCounting.count(jsc, corpus, config.training(),
                config.workers(), conf).persist(StorageLevel.MEMORY_AND_DISK());
        long entryCount = entryCount(entries);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(String.format("glove: counted %,d co-occurrence entries in %.1f s (%d partition(s))", entryCount,
                seconds, config.workers()));
        return new Prepared(entries, new TrainingMetrics.Cooccurrence(entryCount, seconds, "counted", null, null));
    }

    private static Prepared save(Prepared counted, Path dir, Fingerprint fingerprint, CorpusDirectory corpus,
            boolean replace, Configuration hadoop, SerializableConfiguration conf) throws IOException {
        long start = System.nanoTime();
        JavaSparkContext.fromSparkContext(counted.entries().context())
                .setJobDescription("glove: saving the co-occurrence matrix to " + dir);
        try (StagedOutput staged = StagedOutput.begin(dir.toString(), hadoop, replace)) {
            List<PartitionFile> files = SavedCooccurrences.write(counted.entries(), staged.staging(), conf);
            SavedCooccurrences.writeManifest(new CooccurrenceManifest(fingerprint, corpus.path(),
                    counted.entryCount(), counted.seconds(), Instant.now().toString(), files), staged.staging(),
                    staged.fileSystem());
            staged.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = files.stream().mapToLong(PartitionFile::bytes).sum();
            LOG.info(String.format("glove: saved the co-occurrence matrix to %s (%d file(s), %,d MB) in %.1f s", dir,
                    files.size(), bytes >> 20, seconds));
            return new Prepared(counted.entries(), new TrainingMetrics.Cooccurrence(counted.entryCount(),
                    counted.seconds(), "counted, saved to " + dir, seconds, null));
        }
    }

    private static Prepared load(JavaSparkContext jsc, Path dir, CooccurrenceManifest manifest, int workers,
            SerializableConfiguration conf) {
        long start = System.nanoTime();
        jsc.setJobDescription("glove: loading the co-occurrence matrix from " + dir);
        JavaRDD<CooccurrenceBlock> entries = SavedCooccurrences.load(jsc, dir, manifest, conf);
        if (manifest.files().size() != workers) {
            LOG.info("glove: the saved matrix has {} partition(s) for {} worker(s): re-cutting its rows (a shuffle)",
                    manifest.files().size(), workers);
            entries = CooccurrenceCounting.repartition(entries, workers);
        }
        entries = entries.persist(StorageLevel.MEMORY_AND_DISK());
        long entryCount = entryCount(entries);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(String.format("glove: reused the co-occurrence matrix in %s: %,d entries loaded in %.1f s; counting "
                + "it took %.1f s, so %.1f s saved", dir, entryCount, seconds, manifest.countingSeconds(),
                manifest.countingSeconds() - seconds));
        return new Prepared(entries, new TrainingMetrics.Cooccurrence(entryCount, seconds, "loaded from " + dir, null,
                manifest.countingSeconds() - seconds));
    }

    /** Computes (and so caches) the entries; returns how many there are. */
    private static long entryCount(JavaRDD<CooccurrenceBlock> entries) {
        return entries.map(block -> (long) block.size()).reduce(Long::sum);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : e.toString();
    }
}
