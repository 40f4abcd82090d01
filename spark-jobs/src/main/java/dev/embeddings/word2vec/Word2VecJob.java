package dev.embeddings.word2vec;

import dev.embeddings.averaging.ExecutorMemory;
import dev.embeddings.averaging.ReplicaMemory;
import dev.embeddings.averaging.ReplicaScope;
import dev.embeddings.averaging.ReplicaTraining;
import dev.embeddings.backend.Nd4jBackendInfo;
import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.checkpoint.Fingerprint;
import dev.embeddings.checkpoint.Progress;
import dev.embeddings.checkpoint.TrainingRound;
import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.corpus.ShardSlice;
import dev.embeddings.corpus.WorkPlan;
import dev.embeddings.manifest.MemoryHeld;
import dev.embeddings.manifest.TrainingMetrics;
import dev.embeddings.manifest.TrainingParameters;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.matrix.Parameters;
import dev.embeddings.publish.TrainingOutput;
import dev.embeddings.publish.VectorsWriter;
import dev.embeddings.spark.SerializableConfiguration;
import dev.embeddings.spark.StagedOutput;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.subword.SubwordRows;
import dev.embeddings.vectors.VectorMath;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The word2vec job: skip-gram or CBOW with negative sampling or hierarchical softmax, trained by N workers on
 * their shards, each holding one replica that K synchronisation rounds per epoch merge ({@link ReplicaTraining});
 * the learning rate decays with global progress. Checkpoints go beside the output, from which a re-run of a killed
 * job resumes. Memory per worker and on the driver: {@link ReplicaMemory#word2vec}.
 *
 * <p>With subwords ({@code --maxn} above 0) it trains fastText's subword vectors: the driver lists each word's rows
 * ({@link SubwordRows}) once and ships them to the executors; the replicas' input matrices hold the buckets' rows
 * after the words', merged like them; the vectors written are the words' compositions, and {@code model.bin} is the
 * fastText model ({@link FastTextExport}), which fastText loads to compose vectors for any word.
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

    /** The trained model and the manifest written beside it; {@code model.vectors()} are the vectors written. */
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
            int dim = training.dim();
            String[] words = vocabulary.words();
            long listedRows = training.subwords() ? SubwordRows.count(words, training.charNgrams()) : 0;
            ReplicaMemory memory = ReplicaMemory.word2vec(vocabulary.size(), dim, workers, training.buckets(),
                    listedRows);
            LOG.info("word2vec: {} {} on {} tokens, vocabulary {}, dim {}, {}, {} worker(s) x {} thread(s), {} "
                    + "round(s) per epoch; model {} MB; kernels in this JVM: {}", training.model(), training.loss(),
                    corpus.manifest().counts().inVocabularyTokens(), vocabulary.size(), dim,
                    training.subwords() ? "subwords " + training.minn() + "-" + training.maxn() + " in "
                            + training.buckets() + " buckets" : "no subwords", workers,
                    training.threads(), rounds, memory.model() >> 20,
                    VectorMath.simd() ? "SIMD (Vector API)" : "scalar (no --add-modules=jdk.incubator.vector)");
            // The nd4j backend trains a device copy of the replica per task (one GPU each), which workers cannot share.
            ReplicaScope scope = training.backend() == Word2VecConfig.Backend.ND4J ? ReplicaScope.WORKER
                    : config.replicaScope();
            ExecutorMemory.requireFits(memory, "word2vec", spark.sparkContext(), workers, scope,
                    training.subwords() ? "lower --buckets, " + ExecutorMemory.SMALLER_MODEL
                            : ExecutorMemory.SMALLER_MODEL);
            ReplicaTraining.requireSlots(jsc, "word2vec", workers);

            ReplicaTraining replicas = new ReplicaTraining(jsc, new ReplicaTraining.Plan("word2vec",
                    TrainingRound.WORDS, training.epochs(), rounds, workers, config.merge(), config.output(),
                    checkpointing,
                    Fingerprint.ofTraining("word2vec", parameters(), corpus.manifestSha256(), vocabulary.size()),
                    config.rareSyncEvery(), scope));
            Progress resumed = replicas.prepare();
            List<List<List<List<ShardSlice>>>> slices = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                List<List<List<ShardSlice>>> byWorker = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    byWorker.add(plan.slices(w, r));
                }
                slices.add(byWorker);
            }
            SubwordRows subwords = training.subwords() ? SubwordRows.of(words, training.charNgrams()) : null;
            Broadcast<long[]> counts = jsc.broadcast(vocabulary.counts());
            Broadcast<SubwordRows> subwordRows = subwords == null ? null : jsc.broadcast(subwords);
            ReplicaTraining.Outcome trained = replicas.run(new Word2VecReplicaWorker(training, counts, subwordRows,
                    slices, training.epochs() * rounds, config.merge(), new SerializableConfiguration(hadoop),
                    config.corpus(), config.init(), hotWords(vocabulary),
                    subwords == null ? 1 : subwords.rowsPerToken(vocabulary.counts())));
            counts.destroy();
            if (subwordRows != null) {
                subwordRows.destroy();
            }
            Parameters trainedModel = replicas.loadFinal(() -> {
                Word2VecModel zeros = subwords == null ? Word2VecModel.zeros(vocabulary.size(), dim, training.loss())
                        : Word2VecModel.zeros(subwords, dim, training.loss());
                return new Parameters(zeros.input(), zeros.output());
            });
            Word2VecModel model = subwords == null
                    ? Word2VecModel.wrap(vocabulary.size(), dim, training.loss(), trainedModel.matrix(0),
                            trainedModel.matrix(1))
                    : Word2VecModel.wrap(subwords, dim, training.loss(), trainedModel.matrix(0),
                            trainedModel.matrix(1));

            TrainingMetrics metrics = TrainingMetrics.word2vec(trained.metrics(resumed), trained.items(),
                    trained.itemsPerSecond());
            Map<String, Object> params = parameters();
            // How the replicas were laid out, not a setting of the model: kept out of the checkpoint fingerprint.
            params.put("replicaPer", scope.name().toLowerCase(Locale.ROOT));
            if (driverBackend != null) {
                // Provenance, not a setting (device memory varies): kept out of the checkpoint fingerprint.
                params.put("nd4jBackend", driverBackend);
            }
            Map<String, VectorsWriter.Content> models = subwords == null ? Map.of()
                    : Map.of(VectorsManifest.FASTTEXT_MODEL, out -> FastTextBinary.write(out, FastTextExport.of(
                            training, model, words, vocabulary.counts(), corpus.manifest().minCount(),
                            corpus.manifest().counts().tokens())));
            VectorsManifest manifest = new TrainingOutput(output, config.parquet(), corpus.reference(), vocabulary)
                    .write("word2vec", TrainingParameters.of(params), model.vectors(), models, metrics,
                            MemoryHeld.of(memory), started);
            output.commit();
            replicas.discard();
            LOG.info(String.format("word2vec: wrote %s in %.1f s (training %.1f s, %,.0f words/s)", output.target(),
                    (System.nanoTime() - startNanos) / 1e9, trained.seconds(), trained.itemsPerSecond()));
            return new Result(model, vocabulary, manifest);
        }
    }

    /** The words whose rows are merged every round: all, or with --sync-rare-every above 1, the frequent ones. */
    private int hotWords(Vocabulary vocabulary) {
        if (config.rareSyncEvery() == 1) {
            return vocabulary.size();
        }
        long[] counts = vocabulary.counts();
        int hot = 0;
        while (hot < counts.length && counts[hot] >= config.hotCount()) {
            hot++;
        }
        LOG.info("word2vec: {} of {} words (count >= {}) merged every round, the rest every {} rounds and at each "
                + "epoch's end", hot, counts.length, config.hotCount(), config.rareSyncEvery());
        return hot;
    }

    private Map<String, Object> parameters() {
        Map<String, Object> p = TrainingOutput.parameters(config.training(), config.workers(), config.syncsPerEpoch(),
                config.merge(), config.init());
        // As --backend spells it, and as earlier manifests and checkpoint fingerprints hold it.
        p.put("backend", config.training().backend().name().toLowerCase(Locale.ROOT));
        p.put("syncRareEvery", config.rareSyncEvery());
        return p;
    }
}
