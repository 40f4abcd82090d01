package dev.embeddings.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.feature.Word2Vec;
import org.apache.spark.mllib.feature.Word2VecModel;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * The peer baseline for benchmarks: Spark MLlib's Word2Vec (skip-gram, hierarchical softmax) on a whitespace-
 * tokenized text file, written as word2vec text in frequency order so the same evaluator scores it.
 * Not part of the product. Usage: MllibWord2VecBaseline CORPUS.txt OUT.txt DIM WINDOW MIN_COUNT EPOCHS PARTITIONS
 */
public final class MllibWord2VecBaseline {

    private MllibWord2VecBaseline() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 7) {
            System.err.println("usage: MllibWord2VecBaseline CORPUS OUT DIM WINDOW MIN_COUNT EPOCHS PARTITIONS");
            System.exit(2);
        }
        int dim = Integer.parseInt(args[2]);
        try (SparkSession spark = SparkSession.builder().appName("mllib word2vec baseline")
                .master(System.getProperty("spark.master", "local[*]")).getOrCreate()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            JavaRDD<Iterable<String>> sentences = jsc.textFile(args[0], Integer.parseInt(args[6]))
                    .map(line -> Arrays.asList(line.split(" ")));
            Word2VecModel model = new Word2Vec().setVectorSize(dim).setWindowSize(Integer.parseInt(args[3]))
                    .setMinCount(Integer.parseInt(args[4])).setNumIterations(Integer.parseInt(args[5]))
                    .setNumPartitions(Integer.parseInt(args[6])).setSeed(1).fit(sentences);
            Map<String, float[]> vectors = JavaConverters.mapAsJavaMap(model.getVectors());
            Map<String, Long> counts = jsc.textFile(args[0]).flatMap(l -> Arrays.asList(l.split(" ")).iterator())
                    .countByValue();
            String[] words = vectors.keySet().stream()
                    .sorted(Comparator.<String>comparingLong(counts::get).reversed().thenComparing(w -> w))
                    .toArray(String[]::new);
            try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
                w.write(words.length + " " + dim + "\n");
                for (String word : words) {
                    StringBuilder line = new StringBuilder(word);
                    for (float v : vectors.get(word)) {
                        line.append(' ').append(v);
                    }
                    w.write(line.append('\n').toString());
                }
            }
        }
    }
}
