package dev.embeddings.ml;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.vectors.DocumentVectors;
import dev.embeddings.vectors.DocumentVectors.Pooling;
import dev.embeddings.vectors.Neighbour;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.Seq;

/**
 * Word vectors as a Spark ML {@link org.apache.spark.ml.Transformer}: maps the token arrays of {@code inputCol} to
 * document vectors in {@code outputCol}, the mean of their known words' vectors or, with {@code pooling idf}, the
 * mean weighted by each word's IDF ({@link DocumentVectors}). Made by {@link Word2VecEstimator} or
 * {@link GloveEstimator}, or by {@link #load} from a saved model or from any vectors {@link VectorFrames} reads (a
 * publish root's {@code LATEST}, a training output, a vector file), so a team transforms with published vectors.
 *
 * <p>Saved as Spark's parameter metadata plus {@code data/vectors.parquet} ({@code word}, {@code vector:
 * array<float>}, the layout of a training output's {@code vectors.parquet}) and, when fitted, {@code
 * data/idf.parquet} ({@code word}, {@code idf}).
 */
public final class VectorsModel extends Model<VectorsModel> implements MLWritable {

    private static final long serialVersionUID = 1L;
    private static final String VECTORS = "data/vectors.parquet";
    private static final String IDF = "data/idf.parquet";

    private final String uid;
    private final String[] words;
    private final float[] vectors;
    private final int dimension;
    private final float[] idf;
    private final DocumentVectors documents;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final Param<String> pooling;
    private transient WordVectors queries;

    /**
     * @param words     distinct words, row i of {@code vectors} being word i's
     * @param vectors   the rows, row-major
     * @param dimension values per row
     * @param idf       word i's IDF, or null when not fitted (pooling idf then fails)
     */
    VectorsModel(String uid, String[] words, float[] vectors, int dimension, float[] idf) {
        this.uid = uid;
        this.words = words;
        this.vectors = vectors;
        this.dimension = dimension;
        this.idf = idf;
        this.documents = new DocumentVectors(words, vectors, dimension, idf);
        inputCol = StageParams.inputCol(this);
        outputCol = StageParams.outputCol(this);
        pooling = StageParams.pooling(this);
        setDefault(outputCol, uid + "__output");
        setDefault(pooling, Pooling.MEAN.id());
    }

    /**
     * A saved model (a directory with {@code metadata/}), or a model of the vectors at {@code path}, anything
     * {@link VectorFrames} reads (a publish root's {@code LATEST} version, a training output, a vector file), with
     * pooling {@code mean}; set its {@code inputCol}.
     */
    public static VectorsModel load(String path) {
        SparkSession spark = SparkSession.active();
        try {
            Path metadata = new Path(path, "metadata");
            if (metadata.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(metadata)) {
                return read().load(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(Identifiable.randomUID("vectors"), VectorFrames.load(spark, path), null);
    }

    private static VectorsModel of(String uid, VectorFrames.Loaded loaded, float[] idf) {
        return new VectorsModel(uid, loaded.words(), loaded.vectors(), loaded.dimension(), idf);
    }

    /**
     * This model with the vectors at {@code location} (as {@link #load} reads them), for a newer published
     * version: they must have this model's dimension, which the stages after it were fitted to. The IDF weights
     * belong to the old vectors' fit and are dropped: pooling {@code idf} needs a new fit.
     */
    public VectorsModel withVectors(String location) {
        VectorFrames.Loaded loaded = VectorFrames.load(SparkSession.active(), location);
        if (loaded.dimension() != dimension) {
            throw new IllegalArgumentException("the vectors at " + location + " have dimension " + loaded.dimension()
                    + ", this model's " + dimension + " (the stages after it expect " + dimension + " values)");
        }
        return copyValues(of(uid, loaded, null), ParamMap.empty()).setParent(parent());
    }

    @Override
    public String uid() {
        return uid;
    }

    public int dimension() {
        return dimension;
    }

    /** The words and their vectors, as MLlib's {@code Word2VecModel.getVectors}. */
    public Dataset<Row> getVectors() {
        return VectorFrames.frame(SparkSession.active(), new VectorFrames.Loaded(words, vectors, dimension));
    }

    /**
     * The {@code k} words nearest to {@code word} by cosine similarity, best first, without the word itself: a
     * DataFrame of {@code word}, {@code similarity}, as MLlib's {@code Word2VecModel.findSynonyms}.
     */
    public Dataset<Row> findSynonyms(String word, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (queries == null) {
            queries = WordVectors.view(words, FloatMatrix.wrap(vectors, dimension));
        }
        if (!queries.contains(word)) {
            throw new IllegalArgumentException("'" + word + "' is not in the vocabulary (" + words.length
                    + " words)");
        }
        List<Row> rows = new ArrayList<>();
        for (Neighbour n : queries.nearest(word, k)) {
            rows.add(RowFactory.create(n.word(), (double) n.similarity()));
        }
        return SparkSession.active().createDataFrame(rows, new StructType().add("word", DataTypes.StringType)
                .add("similarity", DataTypes.DoubleType));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (Pooling.of(getPooling()) == Pooling.IDF && idf == null) {
            throw new IllegalArgumentException("pooling idf needs IDF weights fitted by Word2VecEstimator or "
                    + "GloveEstimator; this model's vectors were loaded or replaced: use pooling mean");
        }
        return StageParams.withVectors(schema, getInputCol(), getOutputCol());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        Broadcast<DocumentVectors> broadcast = JavaSparkContext.fromSparkContext(dataset.sparkSession()
                .sparkContext()).broadcast(documents);
        UserDefinedFunction pool = poolFunction(broadcast, Pooling.of(getPooling()));
        return dataset.withColumn(getOutputCol(), pool.apply(dataset.col(getInputCol())));
    }

    /** The column function; static, so that it captures the broadcast and nothing of the model. */
    private static UserDefinedFunction poolFunction(Broadcast<DocumentVectors> vectors, Pooling pooling) {
        return functions.udf((UDF1<Seq<String>, Vector>) tokens -> Vectors.dense(vectors.value().pool(
                tokens == null ? List.of() : () -> javaIterator(tokens), pooling)), SQLDataTypes.VectorType())
                .asNonNullable();
    }

    private static Iterator<String> javaIterator(Seq<String> tokens) {
        scala.collection.Iterator<String> scala = tokens.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return scala.hasNext();
            }

            @Override
            public String next() {
                return scala.next();
            }
        };
    }

    @Override
    public VectorsModel copy(ParamMap extra) {
        return copyValues(new VectorsModel(uid, words, vectors, dimension, idf), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<VectorsModel> read() {
        return new Reader();
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

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    public String getPooling() {
        return getOrDefault(pooling);
    }

    public VectorsModel setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public VectorsModel setOutputCol(String value) {
        set(outputCol, value);
        return this;
    }

    public VectorsModel setPooling(String value) {
        set(pooling, value);
        return this;
    }

    private static final class Writer extends MLWriter {
        private final VectorsModel model;

        Writer(VectorsModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(model, path, sparkSession().sparkContext(), Option.empty(),
                    Option.empty());
            List<Row> rows = new ArrayList<>(model.words.length);
            List<Row> weights = new ArrayList<>();
            for (int i = 0; i < model.words.length; i++) {
                float[] row = new float[model.dimension];
                System.arraycopy(model.vectors, i * model.dimension, row, 0, model.dimension);
                List<Float> vector = new ArrayList<>(row.length);
                for (float v : row) {
                    vector.add(v);
                }
                rows.add(RowFactory.create(model.words[i], vector));
                if (model.idf != null) {
                    weights.add(RowFactory.create(model.words[i], model.idf[i]));
                }
            }
            sparkSession().createDataFrame(rows, new StructType().add("word", DataTypes.StringType, false)
                    .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false))
                    .coalesce(1).write().parquet(new Path(path, VECTORS).toString());
            if (model.idf != null) {
                sparkSession().createDataFrame(weights, new StructType().add("word", DataTypes.StringType, false)
                        .add("idf", DataTypes.FloatType, false)).coalesce(1).write()
                        .parquet(new Path(path, IDF).toString());
            }
        }
    }

    private static final class Reader extends MLReader<VectorsModel> {
        @Override
        public VectorsModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession()
                    .sparkContext(), VectorsModel.class.getName());
            VectorFrames.Loaded loaded = VectorFrames.fromParquet(sparkSession(), new Path(path, VECTORS).toString());
            float[] idf = null;
            Path idfPath = new Path(path, IDF);
            try {
                FileSystem fs = idfPath.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                if (fs.exists(idfPath)) {
                    Map<String, Float> byWord = new HashMap<>();
                    for (Row row : sparkSession().read().parquet(idfPath.toString()).collectAsList()) {
                        byWord.put(row.getString(0), row.getFloat(1));
                    }
                    idf = new float[loaded.words().length];
                    for (int i = 0; i < idf.length; i++) {
                        Float weight = byWord.get(loaded.words()[i]);
                        if (weight == null) {
                            throw new IllegalArgumentException(idfPath + " lacks the word '" + loaded.words()[i]
                                    + "'");
                        }
                        idf[i] = weight;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            VectorsModel model = of(metadata.uid(), loaded, idf);
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}
