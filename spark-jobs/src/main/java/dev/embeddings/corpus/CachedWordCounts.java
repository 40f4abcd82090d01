package dev.embeddings.corpus;

import dev.embeddings.spark.SerializableConfiguration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Pass 1 of the corpus job with a {@link WordCountCache}: checks the cached entries of the input files (in
 * parallel), counts the files without a usable entry and caches their counts (one entry per file), then yields the
 * partial counts of every file read back from the cache. Summed, they are exactly what counting every file gives,
 * so the vocabulary does not depend on what was reused. Entries of files no longer in the input are dropped.
 */
final class CachedWordCounts {

    private static final Logger LOG = LoggerFactory.getLogger(CachedWordCounts.class);

    /** The partial counts (words and {@link CorpusStat} keys, not yet summed) and what was reused. */
    record Counts(JavaPairRDD<String, Long> partial, CountReuse reuse) {
    }

    private CachedWordCounts() {
    }

    static Counts count(JavaSparkContext jsc, Configuration hadoop, CorpusConfig config,
            List<CorpusManifest.InputFile> files, WordCountCache cache) throws IOException {
        SerializableConfiguration conf = new SerializableConfiguration(hadoop);
        // (entry path, fingerprint) per input file, in input order.
        List<Tuple2<String, String>> entries = new ArrayList<>();
        Set<Tuple2<String, String>> existing = new LinkedHashSet<>();
        for (CorpusManifest.InputFile file : files) {
            String fingerprint = WordCountCache.fingerprint(file, config);
            Path entry = cache.entry(fingerprint);
            entries.add(new Tuple2<>(entry.toString(), fingerprint));
            if (cache.exists(entry)) {
                existing.add(entries.get(entries.size() - 1));
            }
        }
        Set<String> usable = new HashSet<>();
        if (!existing.isEmpty()) {
            jsc.setJobDescription("corpus: checking " + existing.size() + " cached word count(s)");
            usable.addAll(jsc.parallelize(new ArrayList<>(existing), slices(jsc, existing.size()))
                    .filter(e -> isUsable(e, conf))
                    .map(Tuple2::_1)
                    .collect());
        }
        List<CorpusManifest.InputFile> toCount = new ArrayList<>();
        List<Tuple2<String, String>> toWrite = new ArrayList<>();
        Set<String> queued = new HashSet<>(usable);
        int reused = 0;
        for (int i = 0; i < files.size(); i++) {
            if (usable.contains(entries.get(i)._1())) {
                reused++;
            } else if (queued.add(entries.get(i)._1())) {
                // Only once for a file listed twice (overlapping --input paths); its counts are merged twice.
                toCount.add(files.get(i));
                toWrite.add(entries.get(i));
            }
        }
        if (!toCount.isEmpty()) {
            jsc.setJobDescription("corpus: counting words of " + toCount.size() + " new or changed file(s)");
            countAndCache(CorpusJob.readRecords(jsc, hadoop, toCount, config.maxChunkBytes()), toCount, toWrite,
                    config, conf);
        }
        Set<Path> keep = new HashSet<>();
        entries.forEach(e -> keep.add(new Path(e._1())));
        int dropped = cache.retainOnly(keep);
        CountReuse reuse = new CountReuse(files.size(), reused, toCount.size(),
                existing.size() - usable.size(), dropped);

        jsc.setJobDescription("corpus: merging the word counts of " + files.size() + " file(s) (pass 1 of 2)");
        JavaPairRDD<String, Long> partial = jsc.parallelize(entries, slices(jsc, entries.size()))
                .flatMapToPair(e -> readEntry(e, conf));
        return new Counts(partial, reuse);
    }

    /** A few tasks per core, not one per file: thousands of small input files are common. */
    private static int slices(JavaSparkContext jsc, int entries) {
        return Math.max(1, Math.min(entries, 4 * jsc.defaultParallelism()));
    }

    private static boolean isUsable(Tuple2<String, String> entry, SerializableConfiguration conf) {
        try {
            WordCountCache.read(new Path(entry._1()), entry._2(), conf.get(), (word, count) -> { });
            return true;
        } catch (IOException e) {
            // Corrupt, truncated, or unreadable: counting the file again is always correct.
            LOG.warn("corpus: {}; counting its file again", e.getMessage());
            return false;
        }
    }

    /**
     * Counts the records of {@code files} per file (each partition of a Hadoop RDD reads a split of one file) and
     * writes one cache entry per file from the task that holds that file's summed counts.
     */
    private static void countAndCache(JavaPairRDD<LongWritable, Text> records, List<CorpusManifest.InputFile> files,
            List<Tuple2<String, String>> entries, CorpusConfig config, SerializableConfiguration conf) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            index.put(files.get(i).path(), i);
        }
        WordCountFunction counting = new WordCountFunction(config.lowercase(), config.maxTokenLength(),
                CorpusJob.MAX_MAP_ENTRIES);
        ((JavaNewHadoopRDD<LongWritable, Text>) records)
                .mapPartitionsWithInputSplit((split, it) -> keyedByFile(((FileSplit) split).getPath().toString(),
                        counting.call(it)), false)
                .mapToPair(t -> t)
                .reduceByKey(new FilePartitioner(index), Long::sum)
                .mapPartitionsWithIndex((i, counts) -> {
                    Tuple2<String, String> entry = entries.get(i);
                    WordCountCache.write(new Path(entry._1()), entry._2(), new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return counts.hasNext();
                        }

                        @Override
                        public Tuple2<String, Long> next() {
                            Tuple2<Tuple2<String, String>, Long> c = counts.next();
                            return new Tuple2<>(c._1()._2(), c._2());
                        }
                    }, conf.get());
                    return List.of(i).iterator();
                }, false)
                .collect();
    }

    private static Iterator<Tuple2<Tuple2<String, String>, Long>> keyedByFile(String file,
            Iterator<Tuple2<String, Long>> counts) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return counts.hasNext();
            }

            @Override
            public Tuple2<Tuple2<String, String>, Long> next() {
                Tuple2<String, Long> c = counts.next();
                return new Tuple2<>(new Tuple2<>(file, c._1()), c._2());
            }
        };
    }

    /** All counts of one entry, checked complete before any is handed on. */
    private static Iterator<Tuple2<String, Long>> readEntry(Tuple2<String, String> entry,
            SerializableConfiguration conf) throws IOException {
        List<Tuple2<String, Long>> counts = new ArrayList<>();
        WordCountCache.read(new Path(entry._1()), entry._2(), conf.get(), (word, count) -> counts.add(
                new Tuple2<>(word, count)));
        return counts.iterator();
    }

    /** Sends every (file, word) key of one input file to that file's partition. */
    private static final class FilePartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final Map<String, Integer> index;

        FilePartitioner(Map<String, Integer> index) {
            this.index = index;
        }

        @Override
        public int numPartitions() {
            return index.size();
        }

        @Override
        public int getPartition(Object key) {
            String file = ((Tuple2<?, ?>) key)._1().toString();
            Integer partition = index.get(file);
            if (partition == null) {
                throw new IllegalStateException("a split of " + file + ", which is not among the listed inputs "
                        + index.keySet());
            }
            return partition;
        }
    }
}
