package dev.embeddings.glove;

import dev.embeddings.averaging.ExecutorMemory;
import dev.embeddings.averaging.ReplicaMemory;
import dev.embeddings.averaging.ReplicaTraining;
import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.checkpoint.Fingerprint;
import dev.embeddings.checkpoint.Progress;
import dev.embeddings.checkpoint.TrainingRound;
import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.manifest.MemoryHeld;
import dev.embeddings.manifest.TrainingMetrics;
import dev.embeddings.manifest.TrainingParameters;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.Parameters;
import dev.embeddings.publish.TrainingOutput;
import dev.embeddings.spark.SerializableConfiguration;
import dev.embeddings.spark.StagedOutput;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GloVe job: co-occurrence counted on Spark ({@link CooccurrenceCounting}), then weighted least squares with
 * AdaGrad, trained by N workers, each holding one replica that K synchronisation rounds per epoch merge
 * ({@link ReplicaTraining}). Worker p trains on the entries of the rows hashed to p, so each word vector w_i and
 * bias b_i is updated by one worker only and its merged change is exactly that worker's (no dilution); context
 * vectors w~_j and biases b~_j are merged over the workers that touched them. Checkpoints go beside the output, from
 * which a re-run of a killed job resumes. Memory per worker and on the driver: {@link ReplicaMemory#glove}.
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
    public record Result(FloatMatrix vectors, Vocabulary vocabulary, VectorsManifest manifest) {
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

        // Slots for the workers, and the model alone must fit before the co-occurrences are counted; with them, once
        // their number is known.
        ReplicaTraining.requireSlots(jsc, "glove", workers);
        ExecutorMemory.requireFits(ReplicaMemory.glove(vocabulary.size(), training.dim(), workers, 0), "glove",
                spark.sparkContext(), workers, config.replicaScope());
        try (StagedOutput output = StagedOutput.begin(config.output(), hadoop, config.overwrite())) {
            CooccurrenceMatrix.Prepared matrix = CooccurrenceMatrix.prepare(jsc, corpus, config);
            JavaRDD<CooccurrenceBlock> entries = matrix.entries();
            long entryCount = matrix.entryCount();
            double countSeconds = matrix.seconds();
            if (entryCount == 0) {
                throw new IOException("the corpus has no co-occurring word pairs (sentences of one word?)");
            }

            ReplicaMemory memory = ReplicaMemory.glove(vocabulary.size(), training.dim(), workers,
                    (entryCount + workers - 1) / workers);
            ExecutorMemory.requireFits(memory, "glove", spark.sparkContext(), workers, config.replicaScope());
            ReplicaTraining replicas = new ReplicaTraining(jsc, new ReplicaTraining.Plan("glove", TrainingRound.ENTRIES,
                    training.epochs(), rounds, workers, config.merge(), config.output(), checkpointing,
                    Fingerprint.ofTraining("glove", parameters(), corpus.manifestSha256(), vocabulary.size()), 1,
                    config.replicaScope()));
            Progress resumed = replicas.prepare();
            ReplicaTraining.Outcome trained = replicas.run(entries, new GloveReplicaWorker(training,
                    vocabulary.size(), rounds, new SerializableConfiguration(hadoop), config.corpus(),
                    config.init()));
            entries.unpersist();
            Parameters trainedModel = replicas.loadFinal(() -> GloveReplicaWorker.parameters(
                    GloveModel.zeros(vocabulary.size(), training.dim())));
            FloatMatrix vectors = GloveModel.vectors(trainedModel.matrix(0), trainedModel.matrix(1),
                    training.output());
            TrainingMetrics metrics = TrainingMetrics.glove(trained.metrics(resumed), matrix.metrics());
            MemoryHeld memoryHeld = MemoryHeld.of(memory)
                    .withCooccurrenceBytes(entryCount * CooccurrenceBlock.BYTES_PER_ENTRY);
            // The matrix's location and the replicas' layout are not training settings: they stay out of the checkpoint
            // fingerprint.
            Map<String, Object> params = parameters();
            params.put("cooccurrence", config.cooccurrence());
            params.put("replicaPer", config.replicaScope().name().toLowerCase(Locale.ROOT));
            VectorsManifest manifest = new TrainingOutput(output, config.parquet(), corpus.reference(), vocabulary)
                    .write("glove", TrainingParameters.of(params), vectors, metrics, memoryHeld, started);
            output.commit();
            replicas.discard();
            LOG.info(String.format("glove: wrote %s (co-occurrence %.1f s, training %.1f s)", output.target(),
                    countSeconds, trained.seconds()));
            return new Result(vectors, vocabulary, manifest);
        }
    }

    private Map<String, Object> parameters() {
        return TrainingOutput.parameters(config.training(), config.workers(), config.syncsPerEpoch(), config.merge(),
                config.init());
    }
}
