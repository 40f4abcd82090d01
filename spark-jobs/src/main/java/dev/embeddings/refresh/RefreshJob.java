package dev.embeddings.refresh;

import dev.embeddings.align.AlignmentReport;
import dev.embeddings.align.ProcrustesAlignment;
import dev.embeddings.corpus.CorpusJob;
import dev.embeddings.corpus.CorpusManifest;
import dev.embeddings.corpus.CountReuse;
import dev.embeddings.corpus.InputFiles;
import dev.embeddings.eval.AnalogyConfig;
import dev.embeddings.eval.AnalogyEvaluator;
import dev.embeddings.eval.AnalogyQuestions;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.publish.PublishLock;
import dev.embeddings.publish.PublishedModels;
import dev.embeddings.publish.PublishedVersion;
import dev.embeddings.publish.VectorsRepository;
import dev.embeddings.spark.FileSystems;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.word2vec.Word2VecJob;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduled refresh in one Spark session: corpus -> word2vec warm-started from the current published version ->
 * analogy evaluation -> quality gate against the current version -> orthogonal Procrustes alignment onto it (the
 * published vectors are the rotated ones, see {@link RefreshOutput}) -> downstream models fine-tuned on the aligned
 * vectors and gated against the current version's ({@link DownstreamModels}) -> publish vectors and models as one
 * version. A failed downstream gate withholds the whole version.
 * A run whose input listing (paths, sizes, modification times) equals the current version's is a no-op, unless that
 * version lacks a model of a downstream task (one added since). The
 * root's publish lock is held for the whole run; a run longer than {@link
 * dev.embeddings.publish.PublishConfig#staleLockAfter()} loses it to the next one and then refuses to publish.
 */
public final class RefreshJob {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshJob.class);

    private final SparkSession spark;
    private final RefreshConfig config;

    public RefreshJob(SparkSession spark, RefreshConfig config) {
        this.spark = spark;
        this.config = config;
    }

    public enum Outcome {
        /** A new version was published. */
        PUBLISHED,
        /** The input is what the current version was trained on; nothing was done. */
        UNCHANGED,
        /** The new vectors failed the quality gate; the current version stays. */
        REFUSED
    }

    /** What happened; {@code record} is null when unchanged. */
    public record Result(Outcome outcome, String version, RefreshRecord record) {
    }

    public Result run() throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        // A missing or empty input fails here, before the root is created or locked.
        List<CorpusManifest.InputFile> inputs = InputFiles.list(config.corpus().inputs(), hadoop);
        VectorsRepository repository = VectorsRepository.open(config.publish(), hadoop);
        // Held from deciding what to train until publishing: an overlapping run (a slow refresh and the next
        // scheduled one) fails fast instead of sharing the work directory or publishing stale results.
        try (PublishLock lock = repository.lock()) {
            return run(repository, lock, inputs, hadoop);
        }
    }

    private Result run(VectorsRepository repository, PublishLock lock, List<CorpusManifest.InputFile> inputs,
            Configuration hadoop) throws IOException {
        // Verifies every file of the current version: a corrupt one fails the run before it trains on it.
        Optional<PublishedVersion> current = repository.current();
        if (current.isPresent() && inputs.equals(previousInputs(repository, current.get()))) {
            List<String> missing = config.downstream().stream().map(DownstreamTask::name)
                    .filter(name -> !PublishedModels.tasks(current.get().manifest()).contains(name)).toList();
            if (missing.isEmpty()) {
                LOG.info("refresh: the input is unchanged since version {}; nothing to do", current.get().id());
                return new Result(Outcome.UNCHANGED, current.get().id(), null);
            }
            LOG.info("refresh: the input is unchanged since version {}, which has no model of downstream task(s) {}: "
                    + "training a version with them", current.get().id(), missing);
        }
        Word2VecJobConfig w = config.word2vec();
        if (current.isPresent() && current.get().manifest().dimension() != w.training().dim()) {
            throw new IllegalArgumentException("--dim " + w.training().dim() + " differs from the dimension "
                    + current.get().manifest().dimension() + " of the current version " + current.get().id()
                    + ": versions of one root share a space; publish other dimensions to another --root");
        }

        // Files already counted for an earlier version are not read for counting again (see WordCountCache).
        CountReuse reuse = new CorpusJob(spark, config.corpus()).run(config.countCacheDir()).countReuse();
        String init = config.warmStart() ? current.map(v -> v.dir().toString()).orElse(null) : null;
        // Parquet, if asked, is written once, for the published (aligned) version.
        Word2VecJob.Result trained = new Word2VecJob(spark, new Word2VecJobConfig(w.corpus(), w.output(),
                w.training(), w.workers(), w.syncsPerEpoch(), init, false, true, w.merge(), w.rareSyncEvery(),
                w.replicaScope())).run();
        WordVectors vectors = WordVectors.view(trained.vocabulary().words(), trained.model().input());
        WordVectors previous = current.isPresent() ? load(repository, current.get()) : null;

        AnalogyQuestions questions = config.analogies() == null ? null : questions(hadoop);
        Double accuracy = questions == null ? null : accuracy(vectors, questions);
        Double previousAccuracy = questions == null || previous == null ? null : accuracy(previous, questions);
        ProcrustesAlignment alignment = previous == null ? null : ProcrustesAlignment.fit(vectors, previous);
        RefreshRecord record = new RefreshRecord(inputs, reuse, current.map(PublishedVersion::id).orElse(null),
                accuracy,
                previousAccuracy, alignment == null ? null : AlignmentReport.of(alignment, current.get().id()), null);
        if (alignment != null) {
            LOG.info(String.format("refresh: aligned to version %s over %d shared words: mean drift %.4f (%.4f "
                    + "unaligned), median %.4f (%.4f); top movers %s", current.get().id(), alignment.sharedWords(),
                    alignment.meanDrift(), alignment.meanUnalignedDrift(), alignment.medianDrift(),
                    alignment.medianUnalignedDrift(), alignment.topMovers(5)));
        }

        if (accuracy != null && previousAccuracy != null && previousAccuracy - accuracy > config.maxDrop()) {
            LOG.warn(String.format("refresh: analogy accuracy %.2f%% against version %s's %.2f%%: a drop of %.2f "
                    + "points, more than the allowed %.2f; not publishing; the vectors stay in %s", accuracy,
                    current.get().id(), previousAccuracy, previousAccuracy - accuracy, config.maxDrop(), w.output()));
            return new Result(Outcome.REFUSED, current.get().id(), record);
        }
        DownstreamModels downstream = config.downstream().isEmpty() ? null : new DownstreamModels(config.downstream(),
                config.downstreamTolerance(), repository, current.orElse(null),
                JavaSparkContext.fromSparkContext(spark.sparkContext()));
        RefreshRecord written = RefreshOutput.write(spark, config.stagedVersion(), trained, alignment, record,
                w.parquet(), downstream).record();
        Optional<DownstreamResult> refusal = written.downstreamRefusal();
        if (refusal.isPresent()) {
            // Every current version's model stays beside the vectors it was trained on: withhold the whole version.
            LOG.warn(String.format("refresh: %s; not publishing; the candidate version stays in %s",
                    refusalReason(refusal.get(), current.get().id(), config.downstreamTolerance()),
                    config.stagedVersion()));
            return new Result(Outcome.REFUSED, current.get().id(), written);
        }
        PublishedVersion published = repository.publish(lock, config.stagedVersion());
        Path work = new Path(RefreshConfig.workDir(config.publish().root()));
        FileSystems.get(work, hadoop).delete(work, true);
        return new Result(Outcome.PUBLISHED, published.id(), written);
    }

    /** One line: which task's model would be worse than the current version's, by how much. */
    public static String refusalReason(DownstreamResult result, String currentVersion, double tolerance) {
        return String.format(Locale.ROOT, "downstream task %s scored %.2f%% on dev against version %s's model's "
                + "%.2f%%: a drop of %.2f points, more than the allowed %.2f", result.task(), 100 * result.devScore(),
                currentVersion, 100 * result.previousScore(), 100 * (result.previousScore() - result.devScore()),
                tolerance);
    }

    /** The input listing the current version was trained on; null if it was not published by a refresh. */
    private static List<CorpusManifest.InputFile> previousInputs(VectorsRepository repository,
            PublishedVersion version) throws IOException {
        Path file = new Path(version.dir(), RefreshRecord.FILE);
        FileSystem fs = repository.fileSystem();
        if (!fs.exists(file)) {
            return null;
        }
        try (InputStream in = fs.open(file)) {
            return Json.read(in, RefreshRecord.class, file.toString()).inputs();
        }
    }

    private static WordVectors load(VectorsRepository repository, PublishedVersion version) throws IOException {
        return WordVectors.load(repository.open(version, VectorsManifest.BINARY), version.dir() + "/"
                + VectorsManifest.BINARY);
    }

    private AnalogyQuestions questions(Configuration hadoop) throws IOException {
        Path path = new Path(config.analogies());
        try (InputStream in = FileSystems.get(path, hadoop).open(path)) {
            return AnalogyQuestions.read(in, config.analogies());
        }
    }

    /** Analogy accuracy (3CosAdd) in percent. */
    private static double accuracy(WordVectors vectors, AnalogyQuestions questions) {
        return 100 * AnalogyEvaluator.evaluate(vectors, questions, AnalogyConfig.defaults()).accuracy();
    }
}
