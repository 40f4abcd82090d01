package dev.embeddings.glove;

import dev.embeddings.averaging.AveragingRounds;
import dev.embeddings.averaging.ParameterAveraging;
import dev.embeddings.averaging.Parameters;
import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.checkpoint.Fingerprint;
import dev.embeddings.checkpoint.Progress;
import dev.embeddings.checkpoint.TrainingCheckpoints;
import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.publish.EarlierVectors;
import dev.embeddings.publish.StagedOutput;
import dev.embeddings.publish.VectorsManifest;
import dev.embeddings.publish.TrainingOutput;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GloVe job: co-occurrence counted on Spark ({@link CooccurrenceCounting}), then weighted least squares with
 * AdaGrad, trained by N workers with K parameter-averaging rounds per epoch. Worker p owns the rows hashed to p, so
 * each word vector w_i and bias b_i is updated by one worker only and its per-row average is exactly that worker's
 * update (no dilution); context vectors w~_j and biases b~_j are averaged over the workers that touched them.
 * Rounds end with a checkpoint beside the output, from which a re-run of a killed job resumes
 * ({@link TrainingCheckpoints}).
 *
 * <p>Memory: the driver holds the model (W, W~ and their AdaGrad accumulators: 16·V·dim bytes, plus 16·V for
 * biases). Each executor holds the broadcast model and one trained copy per concurrent task (16·V·(dim+1) bytes
 * each) plus its cached co-occurrence partition (12 bytes per entry).
 */
public final class GloveJob {

    private static final Logger LOG = LoggerFactory.getLogger(GloveJob.class);

    private final SparkSession spark;
    private final GloveJobConfig config;
    private final CheckpointPolicy checkpointing;

    /** With the default checkpointing: resume when possible, a checkpoint after every round. */
    public GloveJob(SparkSession spark, GloveJobConfig config) {
        this(spark, config, CheckpointPolicy.DEFAULT);
    }

    public GloveJob(SparkSession spark, GloveJobConfig config, CheckpointPolicy checkpointing) {
        this.spark = spark;
        this.config = config;
        this.checkpointing = checkpointing;
    }

    /** The output vectors (V x dim, as configured: W + W~ or W) and the manifest written beside them. */
    public record Result(float[] vectors, Vocabulary vocabulary, VectorsManifest manifest) {
    }

    public Result run() throws IOException {
        String started = Instant.now().toString();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = jsc.hadoopConfiguration();
        CorpusDirectory corpus = CorpusDirectory.open(config.corpus(), hadoop);
        Vocabulary vocabulary = corpus.vocabulary();
        GloveConfig training = config.training();
        int workers = config.workers();
        int rounds = config.syncsPerEpoch();

        try (StagedOutput output = StagedOutput.begin(config.output(), hadoop, config.overwrite())) {
            CooccurrenceMatrix.Prepared matrix = CooccurrenceMatrix.prepare(jsc, corpus, config);
            JavaRDD<CooccurrenceBlock> entries = matrix.entries();
            long entryCount = matrix.entryCount();
            double countSeconds = matrix.seconds();
            if (entryCount == 0) {
                throw new IOException("the corpus has no co-occurring word pairs (sentences of one word?)");
            }

            GloveModel model = GloveModel.initialize(vocabulary.size(), training.dim(), training.seed());
            if (config.init() != null) {
                int copied = EarlierVectors.forEachShared(config.init(), hadoop, vocabulary, training.dim(),
                        (id, vector) -> model.warmStart(id, vector, 0, training.output()));
                LOG.info("glove: warm start from {}: {} of {} words keep their vectors", config.init(), copied,
                        vocabulary.size());
            }
            Parameters parameters = GloveWorkerTraining.parameters(model);
            AveragingRounds averagingRounds = new AveragingRounds(jsc, "glove", "entries", training.epochs(), rounds);
            TrainingCheckpoints checkpoints = averagingRounds.checkpointsBeside(config.output(), hadoop, checkpointing,
                    Fingerprint.ofTraining("glove", parameters(), corpus.manifestSha256(), vocabulary.size()));
            Progress resumed = checkpoints.restore(parameters);
            if (resumed.roundsDone() > 0) {
                replayShuffles(entries, training, (resumed.roundsDone() + rounds - 1) / rounds);
            }
            ParameterAveraging averaging = new ParameterAveraging(jsc, workers, config.merge());
            AveragingRounds.Outcome trained = averagingRounds.run(resumed, parameters, checkpoints,
                    (done, epoch, round) -> averaging.round(parameters, entries,
                            new GloveWorkerTraining(training, vocabulary.size(), epoch, round, rounds)));
            entries.unpersist();

            float[] vectors = model.vectors(training.output());
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("finalLoss", trained.loss());
            metrics.put("cooccurrenceEntries", entryCount);
            metrics.put("cooccurrenceSeconds", countSeconds);
            metrics.putAll(matrix.metrics());
            metrics.put("trainingSeconds", trained.seconds());
            metrics.put("resumedAfterRound", resumed.roundsDone());
            metrics.put("checkpoints", checkpoints.cost());
            metrics.put("history", trained.history());
            Map<String, Long> memory = new LinkedHashMap<>();
            memory.put("driverModelBytes", parameters.bytes());
            memory.put("executorBytesPerTask", 2 * parameters.bytes());
            memory.put("cooccurrenceBytes", entryCount * CooccurrenceBlock.BYTES_PER_ENTRY);
            // The matrix's location is provenance, not a training setting: it stays out of the checkpoint fingerprint.
            Map<String, Object> params = parameters();
            params.put("cooccurrence", config.cooccurrence());
            VectorsManifest manifest = new TrainingOutput(spark, output, config.parquet(), corpus, vocabulary)
                    .write("glove", params, vectors, training.dim(), metrics, memory, started);
            output.commit();
            checkpoints.discard();
            LOG.info(String.format("glove: wrote %s (co-occurrence %.1f s, training %.1f s)", output.target(),
                    countSeconds, trained.seconds()));
            return new Result(vectors, vocabulary, manifest);
        }
    }

    private Map<String, Object> parameters() {
        return TrainingOutput.parameters(config.training(), config.workers(), config.syncsPerEpoch(), config.merge(),
                config.init());
    }

    /** Puts each worker's cached entries in the order the first {@code epochs} epochs' shuffles left them. */
    private void replayShuffles(JavaRDD<CooccurrenceBlock> entries, GloveConfig training, int epochs) {
        spark.sparkContext().setJobDescription("glove: replaying " + epochs + " epoch(s) of shuffles to resume");
        entries.mapPartitionsWithIndex((worker, blocks) -> {
            blocks.forEachRemaining(block -> GloveWorkerTraining.replayShuffles(block, training, worker, epochs));
            return Collections.<Integer>emptyIterator();
        }, true).count();
    }
}
