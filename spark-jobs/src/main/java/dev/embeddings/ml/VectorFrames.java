package dev.embeddings.ml;

import dev.embeddings.publish.VectorLocation;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
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
 * read from any {@link VectorLocation}: a publish root (its {@code LATEST} version's {@code vectors.bin}, checked
 * against the version's manifest), a training output directory, a Parquet directory or file ({@code word},
 * {@code vector: array<float>}, as {@code vectors.parquet} and saved models hold), or a vector file of any format
 * {@code evaluate} reads (word2vec binary or text, GloVe text; detected).
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

    /** Reads the vectors at {@code location} ({@link VectorLocation}) into the driver. */
    static Loaded load(SparkSession spark, String location) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            VectorLocation vectors = VectorLocation.resolve(location, conf);
            if (vectors.parquet()) {
                return fromParquet(spark, vectors.path().toString());
            }
            WordVectors loaded;
            try (InputStream in = vectors.open(conf)) {
                loaded = WordVectors.load(in, vectors.path().toString());
            }
            return new Loaded(loaded.words(), loaded.vectors().toArray(), loaded.dimension());
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
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
