package dev.embeddings.word2vec;

import dev.embeddings.averaging.AveragingRounds;
import dev.embeddings.averaging.MergeRule;
import dev.embeddings.averaging.ParameterAveraging;
import dev.embeddings.averaging.Parameters;
import dev.embeddings.backend.Nd4jBackendInfo;
import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.checkpoint.Fingerprint;
import dev.embeddings.checkpoint.Progress;
import dev.embeddings.checkpoint.TrainingCheckpoints;
import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.corpus.ShardSlice;
import dev.embeddings.corpus.WorkPlan;
import dev.embeddings.publish.EarlierVectors;
import dev.embeddings.publish.StagedOutput;
import dev.embeddings.publish.TrainingOutput;
import dev.embeddings.publish.VectorsManifest;
import dev.embeddings.spark.SerializableConfiguration;
import dev.embeddings.vectors.VectorMath;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The word2vec job: skip-gram or CBOW with negative sampling or hierarchical softmax, trained by N workers on
 * their shards with K parameter-averaging rounds per epoch; the learning rate decays with global progress.
 * Rounds end with a checkpoint beside the output, from which a re-run of a killed job resumes
 * ({@link TrainingCheckpoints}).
 *
 * <p>Memory: the driver holds the model (input V x dim and output V x dim floats, 8·V·dim bytes) and one round's
 * summed blocks (at most as much again). Each executor holds the broadcast model (8·V·dim bytes) and one trained
 * copy per concurrent task (8·V·dim bytes each), plus the vocabulary counts (8·V bytes), for negative sampling
 * the alias table (12·V bytes), and with the adaptive merge the update counts of both matrices (8·V bytes) per task.
 */
public final class Word2VecJob {

    private static final Logger LOG = LoggerFactory.getLogger(Word2VecJob.class);

    private final SparkSession spark;
    private final Word2VecJobConfig config;
    private final CheckpointPolicy checkpointing;

    /** With the default checkpointing: resume when possible, a checkpoint after every round. */
    public Word2VecJob(SparkSession spark, Word2VecJobConfig config) {
        this(spark, config, CheckpointPolicy.DEFAULT);
    }

    public Word2VecJob(SparkSession spark, Word2VecJobConfig config, CheckpointPolicy checkpointing) {
        this.spark = spark;
        this.config = config;
        this.checkpointing = checkpointing;
    }

    /** The trained model and the manifest written beside it. */
    public record Result(Word2VecModel model, Vocabulary vocabulary, VectorsManifest manifest) {
    }

    public Result run() throws IOException {
        String started = Instant.now().toString();
        long startNanos = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = jsc.hadoopConfiguration();
        CorpusDirectory corpus = CorpusDirectory.open(config.corpus(), hadoop);
        Vocabulary vocabulary = corpus.vocabulary();
        Word2VecConfig training = config.training();
        int workers = config.workers();
        int rounds = config.syncsPerEpoch();
        WorkPlan plan = new WorkPlan(corpus.manifest().shards(), corpus::shardPath, workers, training.threads(),
                rounds);
        // The driver's backend, described once: logged now and recorded in the manifest (executors log theirs).
        Map<String, String> driverBackend = null;
        if (training.backend() == Word2VecConfig.Backend.ND4J) {
            driverBackend = Nd4jBackendInfo.describeOrFailure();
            LOG.info("nd4j backend on the driver: {}", driverBackend);
        }

        try (StagedOutput output = StagedOutput.begin(config.output(), hadoop, config.overwrite())) {
            Word2VecModel model = Word2VecModel.initialize(vocabulary.size(), training.dim(), training.loss(),
                    training.seed());
            if (config.init() != null) {
                float[] input = model.input();
                int dim = training.dim();
                int copied = EarlierVectors.forEachShared(config.init(), hadoop, vocabulary, dim,
                        (id, vector) -> System.arraycopy(vector, 0, input, id * dim, dim));
                LOG.info("word2vec: warm start from {}: {} of {} words keep their vectors", config.init(), copied,
                        vocabulary.size());
            }
            Parameters parameters = new Parameters(new float[][] {model.input(), model.output()},
                    new int[] {training.dim(), training.dim()});
            LOG.info("word2vec: {} {} on {} tokens, vocabulary {}, dim {}, {} worker(s) x {} thread(s), {} round(s) "
                    + "per epoch; model {} MB; kernels in this JVM: {}", training.model(), training.loss(),
                    corpus.manifest().counts().inVocabularyTokens(), vocabulary.size(), training.dim(), workers,
                    training.threads(), rounds, parameters.bytes() >> 20,
                    VectorMath.simd() ? "SIMD (Vector API)" : "scalar (no --add-modules=jdk.incubator.vector)");

            AveragingRounds averagingRounds = new AveragingRounds(jsc, "word2vec", "words", training.epochs(),
                    rounds);
            TrainingCheckpoints checkpoints = averagingRounds.checkpointsBeside(config.output(), hadoop, checkpointing,
                    Fingerprint.ofTraining("word2vec", parameters(), corpus.manifestSha256(), vocabulary.size()));
            Progress resumed = checkpoints.restore(parameters);

            Broadcast<long[]> counts = jsc.broadcast(vocabulary.counts());
            SerializableConfiguration shippedHadoop = new SerializableConfiguration(hadoop);
            ParameterAveraging averaging = new ParameterAveraging(jsc, workers, config.merge());
            boolean countUpdates = workers > 1 && config.merge() == MergeRule.ADAPTIVE;
            int totalRounds = averagingRounds.totalRounds();
            AveragingRounds.Outcome trained = averagingRounds.run(resumed, parameters, checkpoints,
                    (done, epoch, round) -> {
                        List<List<List<ShardSlice>>> slices = new ArrayList<>();
                        for (int w = 0; w < workers; w++) {
                            slices.add(plan.slices(w, round));
                        }
                        return averaging.round(parameters, new Word2VecWorkerTraining(training, counts, slices,
                                done / (double) totalRounds, (done + 1) / (double) totalRounds, shippedHadoop,
                                countUpdates));
                    });
            counts.destroy();
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("finalLoss", trained.loss());
            metrics.put("wordsTrained", trained.items());
            metrics.put("trainingSeconds", trained.seconds());
            metrics.put("wordsPerSecond", trained.itemsPerSecond());
            metrics.put("resumedAfterRound", resumed.roundsDone());
            metrics.put("checkpoints", checkpoints.cost());
            metrics.put("history", trained.history());
            Map<String, Long> memory = new LinkedHashMap<>();
            memory.put("driverModelBytes", parameters.bytes());
            long perWordBytes = countUpdates ? 28 : 20;
            memory.put("executorBytesPerTask", 2 * parameters.bytes() + perWordBytes * vocabulary.size());
            Map<String, Object> params = parameters();
            if (driverBackend != null) {
                // Provenance, not a setting (device memory varies): kept out of the checkpoint fingerprint.
                params.put("nd4jBackend", driverBackend);
            }
            VectorsManifest manifest = new TrainingOutput(spark, output, config.parquet(), corpus, vocabulary)
                    .write("word2vec", params, model.input(), training.dim(), metrics, memory, started);
            output.commit();
            checkpoints.discard();
            LOG.info(String.format("word2vec: wrote %s in %.1f s (training %.1f s, %,.0f words/s)", output.target(),
                    (System.nanoTime() - startNanos) / 1e9, trained.seconds(), trained.itemsPerSecond()));
            return new Result(model, vocabulary, manifest);
        }
    }

    private Map<String, Object> parameters() {
        Map<String, Object> p = TrainingOutput.parameters(config.training(), config.workers(), config.syncsPerEpoch(),
                config.merge(), config.init());
        p.put("backend", config.training().backend() == Word2VecConfig.Backend.ND4J ? "nd4j" : "jvm");
        return p;
    }
}
