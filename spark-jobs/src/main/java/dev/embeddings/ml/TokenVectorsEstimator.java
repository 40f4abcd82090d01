package dev.embeddings.ml;

import dev.embeddings.averaging.TrainingDefaults;
import dev.embeddings.config.ParameterDocs;
import dev.embeddings.config.Validation;
import dev.embeddings.corpus.CorpusConfig;
import dev.embeddings.corpus.CorpusJob;
import dev.embeddings.corpus.SentenceOrder;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.spark.SparkSessions;
import dev.embeddings.vectors.DocumentVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * What the word2vec and GloVe estimators share: {@link #fit} runs the project's own pipeline, as the command line
 * does, on the token arrays of {@code inputCol} (the corpus job's vocabulary and shards, then the training job, in
 * a work directory deleted afterwards), fits the words' IDF on the same documents, and returns a
 * {@link VectorsModel}. Tokens are taken as given: no lower-casing or splitting beyond the stages before.
 *
 * @param <E> the concrete estimator, which its setters return
 */
public abstract class TokenVectorsEstimator<E extends TokenVectorsEstimator<E>> extends Estimator<VectorsModel>
        implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final Param<String> pooling;
    private final LongParam minCount;
    private final IntParam maxVocab;
    private final IntParam workers;
    private final IntParam syncsPerEpoch;
    private final IntParam threads;
    private final Param<String> workDir;

    protected TokenVectorsEstimator(String uid) {
        this.uid = uid;
        inputCol = StageParams.inputCol(this);
        outputCol = StageParams.outputCol(this);
        pooling = StageParams.pooling(this);
        minCount = new LongParam(this, "minCount", ParameterDocs.MIN_COUNT,
                StageParams.<Long>checkedBy(v -> CorpusConfig.minCount(v)));
        maxVocab = new IntParam(this, "maxVocab", ParameterDocs.MAX_VOCAB,
                StageParams.<Integer>checkedBy(v -> CorpusConfig.maxVocab(v)));
        workers = new IntParam(this, "workers", "parallel workers (Spark tasks), each training a copy on its shards "
                + "(parameter averaging)", StageParams.<Integer>checkedBy(v -> Validation.workers(v)));
        syncsPerEpoch = new IntParam(this, "syncsPerEpoch", "averaging rounds per epoch; 0 = the command line's "
                + "default for the number of workers", StageParams.<Integer>checkedBy(
                        v -> {
                            if (v != 0) {
                                Validation.syncsPerEpoch(v);
                            }
                        }));
        threads = new IntParam(this, "threads", ParameterDocs.THREADS, StageParams.<Integer>checkedBy(
                        v -> Validation.atLeast("threads", v, 0)));
        workDir = new Param<>(this, "workDir", "directory for a fit's corpus and training files, deleted after it: a "
                + "path every executor can read (hdfs://, s3a://) on a cluster; by default a new local temporary "
                + "directory, in local mode only");
        setDefault(outputCol, uid + "__output");
        setDefault(pooling, DocumentVectors.Pooling.MEAN.id());
        setDefault(minCount, CorpusConfig.DEFAULT_MIN_COUNT);
        setDefault(maxVocab, CorpusConfig.DEFAULT_MAX_VOCAB);
        setDefault(workers, TrainingDefaults.WORKERS);
        setDefault(syncsPerEpoch, TrainingDefaults.AUTOMATIC_ROUNDS);
        setDefault(threads, TrainingDefaults.AUTOMATIC_THREADS);
    }

    /** The trained vectors of {@code words} (row i being word i's). */
    protected record Trained(String[] words, FloatMatrix vectors) {
    }

    /** Trains on the corpus directory {@code corpus}, writing the job's output to {@code output}. */
    protected abstract Trained train(SparkSession spark, String corpus, String output, int threads, int rounds)
            throws IOException;

    /** The averaging rounds per epoch {@code workers} workers run by default (the command line's). */
    protected abstract int defaultRounds(int workers);

    /**
     * Fails with one line, before any work, if the training settings with {@code threads} threads per worker do not
     * form a valid configuration.
     */
    protected abstract void validateTraining(int threads);

    @SuppressWarnings("unchecked")
    private E self() {
        return (E) this;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        validateTraining(Math.max(1, getThreads()));
        return StageParams.withVectors(schema, getInputCol(), getOutputCol());
    }

    @Override
    public VectorsModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        SparkSession spark = dataset.sparkSession();
        int column = dataset.schema().fieldIndex(getInputCol());
        JavaRDD<String[]> documents = dataset.toDF().javaRDD().map(row -> tokens(row, column))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Path work = workDirectory(spark);
        try {
            FileSystem fs = work.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try {
                String corpus = new Path(work, "corpus").toString();
                new CorpusJob(spark, new CorpusConfig(List.of("column " + getInputCol() + " of a DataFrame"), corpus,
                        getMinCount(), getMaxVocab(), false, getWorkers(), SentenceOrder.SHUFFLED,
                        CorpusConfig.DEFAULT_MAX_TOKEN_LENGTH, CorpusConfig.DEFAULT_MAX_SENTENCE_LENGTH,
                        CorpusConfig.DEFAULT_MAX_CHUNK_BYTES, false)).runOnTokens(documents);
                int threadCount = getThreads() > 0 ? getThreads()
                        : SparkSessions.defaultThreadsPerTask(spark, getWorkers());
                int rounds = getSyncsPerEpoch() > 0 ? getSyncsPerEpoch() : defaultRounds(getWorkers());
                Trained trained = train(spark, corpus, new Path(work, "vectors").toString(), threadCount, rounds);
                float[] idf = idf(spark, documents, trained.words());
                VectorsModel model = new VectorsModel(uid, trained.words(), trained.vectors().toArray(),
                        trained.vectors().width(), idf);
                return copyValues(model, ParamMap.empty()).setParent(this);
            } finally {
                fs.delete(work, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fit of " + uid + " failed: " + e.getMessage(), e);
        } finally {
            documents.unpersist(false);
        }
    }

    private static String[] tokens(Row row, int column) {
        if (row.isNullAt(column)) {
            return new String[0];
        }
        List<String> tokens = row.getList(column);
        return tokens.toArray(new String[0]);
    }

    /** A new directory under {@code workDir}, or in local mode under java.io.tmpdir. */
    private Path workDirectory(SparkSession spark) throws UncheckedIOException {
        String name = "fit-" + uid + "-" + UUID.randomUUID();
        if (isDefined(workDir)) {
            return new Path(getWorkDir(), name);
        }
        if (!spark.sparkContext().isLocal()) {
            throw new IllegalArgumentException("workDir: set a directory every executor can read (hdfs://..., "
                    + "s3a://...) to fit on a cluster (master " + spark.sparkContext().master() + ")");
        }
        try {
            return new Path(Files.createTempDirectory("embeddings-" + name).toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The IDF of each of {@code words} over {@code documents}, as {@link DocumentVectors#idf} smooths it. */
    private static float[] idf(SparkSession spark, JavaRDD<String[]> documents, String[] words) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Set<String>> vocabulary = jsc.broadcast(new HashSet<>(List.of(words)));
        long count = documents.count();
        Map<String, Long> frequencies = documents
                .flatMap(document -> {
                    Set<String> seen = new HashSet<>();
                    List<String> known = new ArrayList<>();
                    for (String token : document) {
                        if (token != null && vocabulary.value().contains(token) && seen.add(token)) {
                            known.add(token);
                        }
                    }
                    return known.iterator();
                })
                .mapToPair(word -> new Tuple2<>(word, 1L))
                .reduceByKey(Long::sum)
                .collectAsMap();
        vocabulary.destroy();
        float[] idf = new float[words.length];
        for (int i = 0; i < words.length; i++) {
            idf[i] = DocumentVectors.idf(count, frequencies.getOrDefault(words[i], 0L));
        }
        return idf;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> outputCol() {
        return outputCol;
    }

    public Param<String> pooling() {
        return pooling;
    }

    public LongParam minCount() {
        return minCount;
    }

    public IntParam maxVocab() {
        return maxVocab;
    }

    public IntParam workers() {
        return workers;
    }

    public IntParam syncsPerEpoch() {
        return syncsPerEpoch;
    }

    public IntParam threads() {
        return threads;
    }

    public Param<String> workDir() {
        return workDir;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    public String getPooling() {
        return getOrDefault(pooling);
    }

    public long getMinCount() {
        return (Long) getOrDefault(minCount);
    }

    public int getMaxVocab() {
        return (Integer) getOrDefault(maxVocab);
    }

    public int getWorkers() {
        return (Integer) getOrDefault(workers);
    }

    public int getSyncsPerEpoch() {
        return (Integer) getOrDefault(syncsPerEpoch);
    }

    public int getThreads() {
        return (Integer) getOrDefault(threads);
    }

    public String getWorkDir() {
        return getOrDefault(workDir);
    }

    public E setInputCol(String value) {
        set(inputCol, value);
        return self();
    }

    public E setOutputCol(String value) {
        set(outputCol, value);
        return self();
    }

    public E setPooling(String value) {
        set(pooling, value);
        return self();
    }

    public E setMinCount(long value) {
        set(minCount, value);
        return self();
    }

    public E setMaxVocab(int value) {
        set(maxVocab, value);
        return self();
    }

    public E setWorkers(int value) {
        set(workers, value);
        return self();
    }

    public E setSyncsPerEpoch(int value) {
        set(syncsPerEpoch, value);
        return self();
    }

    public E setThreads(int value) {
        set(threads, value);
        return self();
    }

    public E setWorkDir(String value) {
        set(workDir, value);
        return self();
    }
}
