package dev.embeddings.ml;

import dev.embeddings.publish.PublishConfig;
import dev.embeddings.publish.PublishedVersion;
import dev.embeddings.publish.VectorsManifest;
import dev.embeddings.publish.VectorsRepository;
import dev.embeddings.vectors.WordVectors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * This project's vector files as Spark DataFrames of {@code word: string, vector: vector} (Spark ML's vector type),
 * read from any location a team may hold: a publish root (its {@code LATEST} version, every file checked against
 * the version's manifest), a training output directory (its {@code vectors.bin}), a Parquet directory or file
 * ({@code word}, {@code vector: array<float>}, as {@code vectors.parquet} and saved models hold), or a vector file
 * of any format {@code evaluate} reads (word2vec binary or text, GloVe text; detected).
 */
public final class VectorFrames {

    /** The schema of {@link #read}. */
    public static final StructType SCHEMA = new StructType().add("word", DataTypes.StringType, false)
            .add("vector", SQLDataTypes.VectorType(), false);

    private VectorFrames() {
    }

    /** Words and their vectors, row-major. */
    record Loaded(String[] words, float[] vectors, int dimension) {
    }

    /** The vectors at {@code location} as a DataFrame of {@link #SCHEMA}, in the file's order. */
    public static Dataset<Row> read(SparkSession spark, String location) {
        return frame(spark, load(spark, location));
    }

    static Dataset<Row> frame(SparkSession spark, Loaded loaded) {
        List<Row> rows = new ArrayList<>(loaded.words().length);
        double[] row = new double[loaded.dimension()];
        for (int i = 0; i < loaded.words().length; i++) {
            for (int j = 0; j < row.length; j++) {
                row[j] = loaded.vectors()[i * row.length + j];
            }
            rows.add(RowFactory.create(loaded.words()[i], Vectors.dense(row.clone())));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** Reads the vectors at {@code location} (see the class comment) into the driver. */
    static Loaded load(SparkSession spark, String location) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(conf);
            path = fs.makeQualified(path);
            if (!fs.exists(path)) {
                throw new FileNotFoundException("vectors not found: " + path);
            }
            if (fs.exists(new Path(path, VectorsRepository.LATEST))) {
                VectorsRepository repository = VectorsRepository.open(PublishConfig.of(path.toString()), conf);
                PublishedVersion version = repository.current().orElseThrow(() -> new FileNotFoundException(
                        "nothing published under " + location));
                try (InputStream in = repository.open(version, VectorsManifest.BINARY)) {
                    return fromWordVectors(WordVectors.load(in, version.dir() + "/" + VectorsManifest.BINARY));
                }
            }
            if (fs.exists(new Path(path, VectorsManifest.BINARY))) {
                return fromFile(fs, new Path(path, VectorsManifest.BINARY));
            }
            if (isParquet(fs, path)) {
                return fromParquet(spark, path.toString());
            }
            if (fs.getFileStatus(path).isDirectory()) {
                throw new FileNotFoundException("no vectors in directory " + path + ": expected " + VectorsRepository.LATEST
                        + " (a publish root), " + VectorsManifest.BINARY + " (a training output) or Parquet files");
            }
            return fromFile(fs, path);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static boolean isParquet(FileSystem fs, Path path) throws IOException {
        if (path.getName().endsWith(".parquet")) {
            return true;
        }
        if (!fs.getFileStatus(path).isDirectory()) {
            return false;
        }
        for (FileStatus file : fs.listStatus(path)) {
            if (file.getPath().getName().endsWith(".parquet")) {
                return true;
            }
        }
        return false;
    }

    private static Loaded fromFile(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return fromWordVectors(WordVectors.load(in, file.toString()));
        }
    }

    private static Loaded fromWordVectors(WordVectors vectors) {
        return new Loaded(vectors.words(), vectors.vectors().toArray(), vectors.dimension());
    }

    /** Rows of {@code word} and {@code vector: array<float>}; every vector must have the first one's length. */
    static Loaded fromParquet(SparkSession spark, String path) {
        List<Row> rows = spark.read().parquet(path).select("word", "vector").collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no vectors in " + path);
        }
        String[] words = new String[rows.size()];
        int dimension = rows.get(0).getList(1).size();
        float[] vectors = new float[Math.multiplyExact(rows.size(), dimension)];
        for (int i = 0; i < words.length; i++) {
            Row row = rows.get(i);
            words[i] = row.getString(0);
            List<Float> vector = row.getList(1);
            if (vector.size() != dimension) {
                throw new IllegalArgumentException(path + ": the vector of '" + words[i] + "' has " + vector.size()
                        + " values, the first word's " + dimension);
            }
            for (int j = 0; j < dimension; j++) {
                vectors[i * dimension + j] = vector.get(j);
            }
        }
        return new Loaded(words, vectors, dimension);
    }
}
