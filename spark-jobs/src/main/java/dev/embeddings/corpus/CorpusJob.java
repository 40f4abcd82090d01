package dev.embeddings.corpus;

import dev.embeddings.Version;
import dev.embeddings.io.Checksums;
import dev.embeddings.io.Json;
import dev.embeddings.spark.SerializableConfiguration;
import dev.embeddings.spark.StagedOutput;
import dev.embeddings.vocab.TopWords;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The corpus job: text from Hadoop paths -> tokens -> vocabulary (counted on Spark) -> id-encoded shards, written
 * to a staging directory and renamed into place when complete.
 *
 * <p>Per executor it holds: one partition's word-count map (at most {@link #MAX_MAP_ENTRIES} words, ~100 bytes
 * each), the broadcast vocabulary map (~100 bytes per word), one record (at most --max-chunk-bytes) and one
 * shard writer's 64 KiB buffer; counting with --max-vocab N, up to 2N candidate words per partition. The driver
 * holds the vocabulary's words (count >= --min-count; with --max-vocab N, N per count partition), never the raw
 * count table.
 */
public final class CorpusJob {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusJob.class);
    static final int MAX_MAP_ENTRIES = 500_000;
    /** Above this share of invalid UTF-8 sequences per input byte, the input is not text. */
    private static final double MAX_INVALID_UTF8_SHARE = 0.05;

    private final SparkSession spark;
    private final CorpusConfig config;

    public CorpusJob(SparkSession spark, CorpusConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** What a run wrote, and (with a count cache) how its word counts were obtained, else null. */
    public record Result(CorpusManifest manifest, CountReuse countReuse) {
    }

    public CorpusManifest run() throws IOException {
        return run(null).manifest();
    }

    /**
     * Runs the job; with a {@code countCacheDir} (see {@link WordCountCache}) only input files without cached
     * counts are counted, and the vocabulary is built from the merged counts, which equal a full count's. The
     * shards are always encoded from every file: sentences of all files are mixed into every shard.
     */
    public Result run(String countCacheDir) throws IOException {
        String started = Instant.now().toString();
        long startNanos = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = new Configuration(jsc.hadoopConfiguration());
        List<CorpusManifest.InputFile> files = InputFiles.list(config.inputs(), hadoop);
        LOG.info("corpus: {} input file(s), {} bytes", files.size(),
                files.stream().mapToLong(CorpusManifest.InputFile::bytes).sum());

        try (StagedOutput output = StagedOutput.begin(config.output(), hadoop, config.overwrite())) {
            JavaPairRDD<LongWritable, Text> records = readRecords(jsc, hadoop, files, config.maxChunkBytes());

            JavaPairRDD<String, Long> partialCounts;
            CountReuse reuse = null;
            if (countCacheDir == null) {
                jsc.setJobDescription("corpus: counting words (pass 1 of 2)");
                partialCounts = records.mapPartitionsToPair(new WordCountFunction(config.lowercase(),
                        config.maxTokenLength(), MAX_MAP_ENTRIES));
            } else {
                CachedWordCounts.Counts counts = CachedWordCounts.count(jsc, hadoop, config, files,
                        new WordCountCache(countCacheDir, hadoop));
                partialCounts = counts.partial();
                reuse = counts.reuse();
                LOG.info("corpus: counts: {}", reuse);
            }
            CorpusManifest manifest = write(jsc, hadoop, output, files, textTokenization(), partialCounts,
                    ids -> records.mapPartitions(new EncodeFunction(ids, config.lowercase(), config.maxTokenLength())),
                    started, startNanos);
            return new Result(manifest, reuse);
        }
    }

    /**
     * Runs the job on documents already tokenized (a Spark ML column of token arrays): their tokens are the words,
     * as given (no lower-casing, normalisation or splitting, whatever {@code config} says; {@code --max-token-length}
     * still drops longer ones); the rest is
     * {@link #run()}'s: the vocabulary, the id shards in {@code config.order()}, the manifest (no input files).
     */
    public CorpusManifest runOnTokens(JavaRDD<String[]> documents) throws IOException {
        String started = Instant.now().toString();
        long startNanos = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = new Configuration(jsc.hadoopConfiguration());
        try (StagedOutput output = StagedOutput.begin(config.output(), hadoop, config.overwrite())) {
            jsc.setJobDescription("corpus: counting tokens (pass 1 of 2)");
            int maxTokenLength = config.maxTokenLength();
            JavaPairRDD<String, Long> partialCounts = documents.flatMapToPair(
                    document -> TokenDocuments.counts(document, maxTokenLength).iterator());
            CorpusManifest.Tokenization asGiven = new CorpusManifest.Tokenization("tokens as given (a column of "
                    + "token arrays)", false, "none", maxTokenLength, config.maxSentenceLength(), 0);
            return write(jsc, hadoop, output, List.of(), asGiven, partialCounts,
                    ids -> documents.flatMap(document -> TokenDocuments.encode(document, ids.value()).iterator()),
                    started, startNanos);
        }
    }

    /**
     * Both kinds of input from their word counts on: the vocabulary, the shards of the sentences {@code encode}
     * gives (from the word ids), the vocabulary file and the manifest, then the commit.
     */
    private CorpusManifest write(JavaSparkContext jsc, Configuration hadoop, StagedOutput output,
            List<CorpusManifest.InputFile> files, CorpusManifest.Tokenization tokenization,
            JavaPairRDD<String, Long> partialCounts, Function<Broadcast<Map<String, Integer>>, JavaRDD<int[]>> encode,
            String started, long startNanos) throws IOException {
        Map<String, Long> stats = new HashMap<>();
        Map<String, Long> kept = new HashMap<>();
        countWords(partialCounts).forEach(t -> (CorpusStat.isStat(t._1()) ? stats : kept).merge(t._1(), t._2(),
                Long::sum));
        Vocabulary vocabulary = Vocabulary.fromCounts(kept, config.minCount(), config.maxVocab());
        checkUsable(stats, vocabulary);
        LOG.info("corpus: {} tokens, {} distinct words, vocabulary {} (min-count {})",
                CorpusStat.TOKENS.in(stats), CorpusStat.DISTINCT_WORDS.in(stats), vocabulary.size(),
                config.minCount());

        jsc.setJobDescription("corpus: writing " + config.shards() + " shard(s) (pass 2 of 2)");
        List<CorpusManifest.Shard> shards = writeShards(jsc, encode, vocabulary, output, hadoop);

        FileSystem fs = output.fileSystem();
        String vocabularySha = writeVocabulary(fs, new Path(output.staging(), CorpusManifest.VOCABULARY_FILE),
                vocabulary);
        CorpusManifest manifest = manifest(files, tokenization, stats, vocabulary, vocabularySha, shards, started);
        try (OutputStream out = fs.create(new Path(output.staging(), CorpusManifest.FILE), false)) {
            Json.write(out, manifest);
        }
        output.commit();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        LOG.info("corpus: wrote {} in {} s ({} tokens/s)", output.target(), String.format("%.1f", seconds),
                String.format("%.0f", manifest.counts().tokens() / seconds));
        return manifest;
    }

    static JavaPairRDD<LongWritable, Text> readRecords(JavaSparkContext jsc, Configuration hadoop,
            List<CorpusManifest.InputFile> files, int maxChunkBytes) throws IOException {
        Job job = Job.getInstance(hadoop);
        job.getConfiguration().setInt(ChunkedTextInputFormat.MAX_CHUNK_BYTES, maxChunkBytes);
        FileInputFormat.setInputPaths(job, files.stream().map(f -> new Path(f.path())).toArray(Path[]::new));
        return jsc.newAPIHadoopRDD(job.getConfiguration(), ChunkedTextInputFormat.class, LongWritable.class,
                Text.class);
    }

    /**
     * Sums partial counts on the executors and returns the words counted at least min-count times (with
     * --max-vocab, only each partition's first max-vocab of them: a word's whole count is in one partition, so the
     * vocabulary's words are among them) and the corpus statistics. The driver never receives the raw count table.
     */
    private List<Tuple2<String, Long>> countWords(JavaPairRDD<String, Long> partialCounts) {
        long minCount = config.minCount();
        int maxVocab = config.maxVocab();
        return partialCounts
                .reduceByKey(Long::sum)
                .mapPartitions(counts -> {
                    List<Tuple2<String, Long>> kept = new ArrayList<>();
                    List<Map.Entry<String, Long>> words = new ArrayList<>();
                    long distinct = 0;
                    while (counts.hasNext()) {
                        Tuple2<String, Long> c = counts.next();
                        if (CorpusStat.isStat(c._1())) {
                            kept.add(c);
                            continue;
                        }
                        distinct++;
                        if (c._2() >= minCount) {
                            words.add(Map.entry(c._1(), c._2()));
                            if (maxVocab > 0 && words.size() >= 2 * maxVocab) {
                                words = TopWords.first(words.iterator(), maxVocab);
                            }
                        }
                    }
                    if (maxVocab > 0) {
                        words = TopWords.first(words.iterator(), maxVocab);
                    }
                    words.forEach(e -> kept.add(new Tuple2<>(e.getKey(), e.getValue())));
                    kept.add(new Tuple2<>(CorpusStat.DISTINCT_WORDS.key(), distinct));
                    return kept.iterator();
                })
                .collect();
    }

    private void checkUsable(Map<String, Long> stats, Vocabulary vocabulary) throws IOException {
        long tokens = CorpusStat.TOKENS.in(stats);
        long bytes = CorpusStat.BYTES.in(stats);
        long invalid = CorpusStat.INVALID_UTF8.in(stats);
        if (bytes > 0 && invalid > 100 && invalid > MAX_INVALID_UTF8_SHARE * bytes) {
            throw new IOException("input does not look like UTF-8 text: " + invalid + " invalid byte sequences in "
                    + bytes + " bytes (" + String.join(",", config.inputs()) + ")");
        }
        if (tokens == 0) {
            throw new IOException("input holds no words: " + CorpusStat.LINES.in(stats) + " line(s), " + bytes
                    + " bytes, no letters or digits (" + String.join(",", config.inputs()) + ")");
        }
        if (vocabulary.size() == 0) {
            throw new IOException("no word occurs at least " + config.minCount() + " times (" + tokens + " tokens, "
                    + CorpusStat.DISTINCT_WORDS.in(stats) + " distinct words); lower --min-count or add text");
        }
    }

    private List<CorpusManifest.Shard> writeShards(JavaSparkContext jsc,
            Function<Broadcast<Map<String, Integer>>, JavaRDD<int[]>> encode, Vocabulary vocabulary,
            StagedOutput output, Configuration hadoop) throws IOException {
        Map<String, Integer> ids = new HashMap<>(vocabulary.size() * 2);
        for (int i = 0; i < vocabulary.size(); i++) {
            ids.put(vocabulary.word(i), i);
        }
        Broadcast<Map<String, Integer>> broadcastIds = jsc.broadcast(ids);
        Path shardDir = new Path(output.staging(), CorpusManifest.SHARD_DIR);
        output.fileSystem().mkdirs(shardDir);
        // Shards hold sentences sorted by a key from where they came from: in the input's order, or in a
        // pseudo-random one (the same on every run) in which any run of sentences is a fair sample of the corpus.
        SentenceOrder order = config.order();
        List<CorpusManifest.Shard> shards = new ArrayList<>(encode.apply(broadcastIds)
                .mapPartitionsWithIndex((split, sentences) -> withKeys(order, split, sentences), true)
                .mapToPair(t -> t)
                .repartitionAndSortWithinPartitions(new ShardPartitioner(order, config.shards()))
                .values()
                .mapPartitionsWithIndex(new WriteShardFunction(shardDir.toString(), config.maxSentenceLength(),
                        new SerializableConfiguration(hadoop)), false)
                .collect());
        broadcastIds.destroy();
        shards.sort(Comparator.comparing(CorpusManifest.Shard::file));
        if (shards.size() != config.shards()) {
            throw new IOException("expected " + config.shards() + " shards, tasks reported " + shards.size());
        }
        return shards;
    }

    /** Keys each sentence of input split {@code split} by its place in {@code order}. */
    private static Iterator<Tuple2<Long, int[]>> withKeys(SentenceOrder order, int split, Iterator<int[]> sentences) {
        return new Iterator<>() {
            private long position;

            @Override
            public boolean hasNext() {
                return sentences.hasNext();
            }

            @Override
            public Tuple2<Long, int[]> next() {
                return new Tuple2<>(order.key(split, position++), sentences.next());
            }
        };
    }

    private static String writeVocabulary(FileSystem fs, Path path, Vocabulary vocabulary) throws IOException {
        MessageDigest sha = Checksums.sha256();
        try (OutputStream out = new DigestOutputStream(fs.create(path, false), sha)) {
            vocabulary.write(out);
        }
        return Checksums.hex(sha);
    }

    /** How {@link #run()} tokenizes text. */
    private CorpusManifest.Tokenization textTokenization() {
        return new CorpusManifest.Tokenization(
                "runs of Unicode letters/digits (combining marks kept inside words); everything else separates",
                config.lowercase(), "NFKC", config.maxTokenLength(), config.maxSentenceLength(),
                config.maxChunkBytes());
    }

    private CorpusManifest manifest(List<CorpusManifest.InputFile> files, CorpusManifest.Tokenization tokenization,
            Map<String, Long> stats,
            Vocabulary vocabulary, String vocabularySha, List<CorpusManifest.Shard> shards, String started) {
        long inVocabulary = shards.stream().mapToLong(CorpusManifest.Shard::tokens).sum();
        long sentences = shards.stream().mapToLong(CorpusManifest.Shard::sentences).sum();
        long tokens = CorpusStat.TOKENS.in(stats);
        CorpusManifest.Counts counts = new CorpusManifest.Counts(CorpusStat.LINES.in(stats),
                CorpusStat.DOCUMENTS.in(stats), tokens, inVocabulary, tokens - inVocabulary,
                CorpusStat.DROPPED_LONG_TOKENS.in(stats), CorpusStat.INVALID_UTF8.in(stats),
                CorpusStat.SPLIT_LINES.in(stats), CorpusStat.DISTINCT_WORDS.in(stats), sentences);
        return new CorpusManifest(Version.TOOL, Version.VERSION, config.inputs(), files, tokenization,
                config.minCount(), config.maxVocab(), config.order().name().toLowerCase(Locale.ROOT), counts,
                vocabulary.size(), vocabularySha, shards, started, Instant.now().toString());
    }
}
