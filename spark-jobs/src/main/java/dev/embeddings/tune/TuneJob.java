package dev.embeddings.tune;

import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.eval.AnalogyConfig;
import dev.embeddings.eval.AnalogyQuestions;
import dev.embeddings.eval.Evaluation;
import dev.embeddings.eval.SimilarityPairs;
import dev.embeddings.finetune.FineTuneReport;
import dev.embeddings.finetune.FineTuneRunner;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.refresh.DownstreamTask;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.word2vec.Word2VecJob;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code embeddings tune}: a {@link Search} whose trials are word2vec trainings on the cluster, {@code parallel} of
 * them at once as concurrent Spark jobs from the driver's trial threads (each in its own job group, which the Spark UI
 * shows), each scored on the dev sets in the driver. Writes into {@code out} (the driver's file system):
 * {@link SearchSettings#FILE}, {@link TrialLog#FILE} as trials finish, and at the end {@link TuneSummary#TABLE_FILE},
 * {@link TuneSummary#BEST_FILE} and {@link TuningPage#FILE}. Each trial's vectors go to {@code work} (a path the
 * executors can write, as for any training) and are deleted once scored. With {@link Objective#FINETUNE} a trial is
 * scored by fine-tuning the downstream task on its vectors in the driver, and its fine-tune report is kept in
 * {@link #FINETUNE_REPORTS}.
 */
public final class TuneJob {

    private static final Logger LOG = LoggerFactory.getLogger(TuneJob.class);
    /** Trials are short and restart whole: only the final checkpoint, which hands the model to the driver. */
    private static final CheckpointPolicy CHECKPOINTS = CheckpointPolicy.of(false, CheckpointPolicy.DEFAULT_INTERVAL);

    /** The word2vec job of a trial: {@code parameters} over the command's options, for {@code epochs}. */
    @FunctionalInterface
    public interface TrialJobs {
        /** {@link IllegalArgumentException} if word2vec does not accept the combination. */
        Word2VecJobConfig config(Map<String, Object> parameters, int epochs, String output);
    }

    /**
     * The dev sets and how they are scored.
     *
     * @param downstream with {@link Objective#FINETUNE}, the task fine-tuned on each trial's vectors; else null
     */
    public record DevSets(List<AnalogyQuestions> analogies, List<SimilarityPairs> similarities,
                          AnalogyConfig analogyConfig, DownstreamTask downstream) {
    }

    /** Under {@code out}: each trial's fine-tune report ({@code <trial>.json}) with {@link Objective#FINETUNE}. */
    public static final String FINETUNE_REPORTS = "finetune";

    private final SparkSession spark;
    private final SearchSpace space;
    private final TuneConfig config;
    private final SearchSettings settings;
    private final java.nio.file.Path out;
    private final String work;
    private final TrialJobs jobs;
    private final DevSets devSets;

    public TuneJob(SparkSession spark, SearchSpace space, TuneConfig config, SearchSettings settings,
            java.nio.file.Path out, String work, TrialJobs jobs, DevSets devSets) {
        this.spark = spark;
        this.space = space;
        this.config = config.validate();
        this.settings = settings;
        this.out = out;
        this.work = work;
        this.jobs = jobs;
        this.devSets = devSets;
    }

    /** Runs (or resumes) the search, passing each trial this run finishes to {@code finished}, and writes its files. */
    public Search.Outcome run(Consumer<Trial> finished) throws IOException, InterruptedException {
        settings.requireSameAs(out);
        Search.Outcome outcome;
        try {
            outcome = new Search(space, config, new TrialLog(out)).run(this::trial, finished);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // The other trials' jobs would run on for nothing: the rerun repeats every trial not logged.
            spark.sparkContext().cancelAllJobs();
            throw e;
        }
        Files.writeString(out.resolve(TuneSummary.TABLE_FILE), TuneSummary.table(outcome, space.names()),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve(TuningPage.FILE), TuningPage.render(outcome, space.names(),
                config.objective()), StandardCharsets.UTF_8);
        if (outcome.best().isPresent()) {
            Files.writeString(out.resolve(TuneSummary.BEST_FILE), TuneSummary.bestProperties(outcome.best().get(),
                    settings.training(), config.objective()), StandardCharsets.UTF_8);
        }
        return outcome;
    }

    private double trial(int id, int rung, int epochs, Map<String, Object> parameters) throws Exception {
        String name = "trial-" + id + "-rung-" + rung;
        Path dir = new Path(work, name);
        Word2VecJobConfig job;
        try {
            job = jobs.config(parameters, epochs, new Path(dir, "vectors").toString());
        } catch (IllegalArgumentException e) {
            throw new Search.RefusedConfiguration(e.getMessage(), e);
        }
        SparkContext sc = spark.sparkContext();
        Configuration hadoop = sc.hadoopConfiguration();
        sc.setJobGroup("tune-" + name, "tune " + name + " (" + epochs + " epochs): " + parameters, true);
        try {
            Word2VecJob.Result trained = new Word2VecJob(spark, job, CHECKPOINTS).run();
            double objective;
            if (config.objective() == Objective.FINETUNE) {
                objective = fineTune(name, new Path(job.output(), VectorsManifest.BINARY), hadoop);
            } else {
                WordVectors vectors = WordVectors.view(trained.vocabulary().words(), trained.model().vectors());
                objective = config.objective().score(Evaluation.run(vectors, devSets.analogies(),
                        devSets.similarities(), devSets.analogyConfig()));
            }
            LOG.info("tune: {} ({} epochs) {}: objective {}", name, epochs, parameters, objective);
            return objective;
        } finally {
            sc.clearJobGroup();
            dir.getFileSystem(hadoop).delete(dir, true);
        }
    }

    /**
     * The dev score of the downstream task fine-tuned on the trial's {@code vectors} in a local temporary directory;
     * the fine-tune's report is kept as {@code out/finetune/<trial>.json}.
     */
    private double fineTune(String name, Path vectors, Configuration hadoop) throws IOException {
        java.nio.file.Path local = Files.createTempDirectory("embeddings-tune-" + name + "-");
        try {
            FineTuneRunner.ModeResult tuned = devSets.downstream().train(DownstreamTask.localVectors(
                    vectors.getFileSystem(hadoop), vectors, local), local.resolve("model"), null);
            FineTuneReport report = tuned.outcome().report();
            report.write(out.resolve(FINETUNE_REPORTS).resolve(name + ".json"));
            return report.dev().headline();
        } finally {
            FileUtil.fullyDelete(local.toFile());
        }
    }
}
