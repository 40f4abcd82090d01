package dev.embeddings.refresh;

import dev.embeddings.finetune.FineTuneRun;
import dev.embeddings.finetune.FineTuneRunner;
import dev.embeddings.finetune.Predictor;
import dev.embeddings.publish.PublishedModels;
import dev.embeddings.publish.PublishedVersion;
import dev.embeddings.publish.VectorsRepository;
import dev.embeddings.publish.VectorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downstream step of a refresh: each task is fine-tuned on the version's (aligned) vectors by
 * {@link FineTuneRunner}, as {@code embeddings finetune} would, in a local temporary directory; its dev score is
 * gated against the previous version's model of the task, re-scored on the same dev file (so a changed dev file
 * compares like with like); and its output goes into the version as {@code models/<task>/}, every file through the
 * version's {@link VectorsWriter}, so the manifest lists and checksums it.
 */
final class DownstreamModels {

    private static final Logger LOG = LoggerFactory.getLogger(DownstreamModels.class);

    private final List<DownstreamTask> tasks;
    private final double tolerance;
    private final VectorsRepository repository;
    private final PublishedVersion previous;
    private final JavaSparkContext spark;

    /**
     * @param tolerance how many points (percent) a task's dev score may fall below the previous model's
     * @param previous  the current version, whose models are the ones to beat; null for a first version
     */
    DownstreamModels(List<DownstreamTask> tasks, double tolerance, VectorsRepository repository,
            PublishedVersion previous, JavaSparkContext spark) {
        this.tasks = tasks;
        this.tolerance = tolerance;
        this.repository = repository;
        this.previous = previous;
        this.spark = spark;
    }

    /**
     * Trains every task on the version's {@code vectors} file ({@code fs}, the version's file system) and adds each
     * model to {@code writer}; returns every task's result, passed or not.
     */
    List<DownstreamResult> trainInto(VectorsWriter writer, FileSystem fs, org.apache.hadoop.fs.Path vectors)
            throws IOException {
        Path work = Files.createTempDirectory("embeddings-downstream-");
        try {
            Path localVectors = DownstreamTask.localVectors(fs, vectors, work);
            List<DownstreamResult> results = new ArrayList<>();
            for (DownstreamTask task : tasks) {
                results.add(train(task, localVectors, work, writer));
            }
            return results;
        } finally {
            FileUtil.fullyDelete(work.toFile());
        }
    }

    private DownstreamResult train(DownstreamTask task, Path vectors, Path work, VectorsWriter writer)
            throws IOException {
        LOG.info("refresh: fine-tuning downstream task {} on the new vectors", task.name());
        FineTuneRunner.ModeResult trained = task.train(vectors, work.resolve("new").resolve(task.name()), spark);
        double score = trained.outcome().report().dev().headline();
        Double previousScore = previousScore(task, work.resolve("previous").resolve(task.name()));
        boolean passed = previousScore == null || 100 * (previousScore - score) <= tolerance;
        LOG.info(String.format(Locale.ROOT, "refresh: downstream task %s: dev score %.2f%%, previous model %s; %s",
                task.name(), 100 * score, previousScore == null ? "none"
                        : String.format(Locale.ROOT, "%.2f%%", 100 * previousScore),
                passed ? "passed" : String.format(Locale.ROOT, "refused (allowed drop %.2f points)", tolerance)));
        for (String file : PublishedModels.files(trained.directory())) {
            Path source = trained.directory().resolve(file);
            writer.write(PublishedModels.entry(task.name(), file), out -> Files.copy(source, out));
        }
        FineTuneRun run = task.run();
        return new DownstreamResult(task.name(), run.task().name().toLowerCase(Locale.ROOT),
                run.training().model().name().toLowerCase(Locale.ROOT), score, previousScore, passed);
    }

    /** The previous version's model of the task scored on the task's dev file; null if there is none. */
    private Double previousScore(DownstreamTask task, Path dir) throws IOException {
        if (previous == null) {
            return null;
        }
        Optional<Path> model = PublishedModels.copyToLocal(repository, previous, task.name(), dir);
        if (model.isEmpty()) {
            return null;
        }
        FineTuneRun run = task.run();
        return Predictor.load(model.get()).evaluate(run.dev(), run.training().tagScheme()).headline();
    }
}
