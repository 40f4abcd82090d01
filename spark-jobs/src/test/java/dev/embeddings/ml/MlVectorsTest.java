package dev.embeddings.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.eval.AnalogyConfig;
import dev.embeddings.eval.AnalogyQuestions;
import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.eval.Evaluation;
import dev.embeddings.formats.VectorFormat;
import dev.embeddings.publish.PublishConfig;
import dev.embeddings.publish.VectorsDirectories;
import dev.embeddings.publish.VectorsRepository;
import dev.embeddings.testing.TestSpark;
import dev.embeddings.vectors.Neighbour;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.feature.Tokenizer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The model's queries on the planted sample, loading published vectors, and the one-line errors of bad settings. */
@Timeout(300)
class MlVectorsTest {

    private static final Path SAMPLES = Path.of("..", "data-samples");

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = TestSpark.local();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> documents(String... texts) {
        List<Row> rows = new ArrayList<>();
        for (String text : texts) {
            rows.add(RowFactory.create(List.of(text.split(" "))));
        }
        return spark.createDataFrame(rows, new StructType().add("tokens", DataTypes.createArrayType(
                DataTypes.StringType)));
    }

    @Test
    void getVectorsAndFindSynonymsRecoverThePlantedRelations() throws IOException {
        Dataset<Row> text = spark.read().text(SAMPLES.resolve("planted.txt.gz").toString()).limit(40_000);
        Dataset<Row> tokens = new Tokenizer().setInputCol("value").setOutputCol("tokens").transform(text);
        VectorsModel model = new Word2VecEstimator().setInputCol("tokens").setDim(50).setThreads(2).setSeed(3)
                .setSyncsPerEpoch(2).fit(tokens);

        List<String> words = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (Row row : model.getVectors().collectAsList()) {
            words.add(row.getString(0));
            for (double v : ((Vector) row.get(1)).toArray()) {
                values.add((float) v);
            }
        }
        float[] flat = new float[values.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = values.get(i);
        }
        WordVectors vectors = WordVectors.of(words.toArray(new String[0]), flat, 50);
        AnalogyResult scores = Evaluation.run(vectors, List.of(AnalogyQuestions.read(SAMPLES.resolve(
                "planted-analogies.txt"))), List.of(), AnalogyConfig.defaults()).analogy().values().iterator().next();
        assertTrue(scores.sections().get("capital-country").accuracy() >= 0.2, "capital analogies: " + scores);

        // todomu's capital is besolo (planted-similarity.tsv rates them 9 of 10).
        List<Row> synonyms = model.findSynonyms("todomu", 10).collectAsList();
        assertEquals(10, synonyms.size());
        assertTrue(synonyms.stream().anyMatch(r -> r.getString(0).equals("besolo")), "todomu's nearest: " + synonyms);
        List<Neighbour> expected = vectors.nearest("todomu", 10);
        for (int i = 0; i < 10; i++) {
            assertEquals(expected.get(i).word(), synonyms.get(i).getString(0));
            assertEquals(expected.get(i).similarity(), synonyms.get(i).getDouble(1), 1e-6);
        }
        assertEquals("'nowhereword' is not in the vocabulary (" + words.size() + " words)", assertThrows(
                IllegalArgumentException.class, () -> model.findSynonyms("nowhereword", 3)).getMessage());
    }

    @Test
    void loadsTheLatestPublishedVersionAndRefusesAnotherDimension() throws IOException {
        Configuration conf = new Configuration();
        String root = dir.resolve("published").toString();
        VectorsRepository repository = VectorsRepository.open(PublishConfig.of(root), conf);
        VectorsDirectories.write(dir.resolve("v1").toString(), 1, conf);
        repository.publish(dir.resolve("v1").toString());
        float[] second = VectorsDirectories.write(dir.resolve("v2").toString(), 2, conf);
        repository.publish(dir.resolve("v2").toString());

        VectorsModel model = VectorsModel.load(root).setInputCol("tokens").setOutputCol("features");
        assertEquals(VectorsDirectories.DIM, model.dimension());
        List<Row> out = model.transform(documents("king queen unknown", "nothing known")).collectAsList();
        int dim = VectorsDirectories.DIM;
        double[] mean = new double[dim];
        for (int j = 0; j < dim; j++) {
            mean[j] = ((double) second[dim + j] + second[2 * dim + j]) / 2;
        }
        assertArrayEquals(mean, ((Vector) out.get(0).getAs("features")).toArray(), 1e-6,
                "the mean of version 2's king and queen (LATEST)");
        assertArrayEquals(new double[dim], ((Vector) out.get(1).getAs("features")).toArray());
        assertEquals(VectorsDirectories.WORDS.length, VectorFrames.read(spark, root).count());
        assertEquals(List.of("word", "vector"), List.of(VectorFrames.read(spark, root).columns()));
        Row king = spark.read().format("embeddings").load(root).where("word = 'king'").first();
        assertArrayEquals(java.util.Arrays.copyOfRange(second, dim, 2 * dim), floats((Vector) king.getAs("vector")),
                "format(\"embeddings\"): version 2's king");

        Path wider = dir.resolve("wider.txt");
        WordVectors.of(new String[] {"king", "queen"}, new float[2 * (dim + 1)], dim + 1).writeTo(wider,
                VectorFormat.WORD2VEC_TEXT);
        assertEquals("the vectors at " + wider + " have dimension " + (dim + 1) + ", this model's " + dim
                + " (the stages after it expect " + dim + " values)", assertThrows(IllegalArgumentException.class,
                        () -> model.withVectors(wider.toString())).getMessage());
        assertEquals(dim, model.withVectors(dir.resolve("v1").toString()).dimension(), "same dimension: taken");
        assertEquals("pooling idf needs IDF weights fitted by Word2VecEstimator or GloveEstimator; this model's "
                + "vectors were loaded or replaced: use pooling mean", assertThrows(IllegalArgumentException.class,
                        () -> model.setPooling("idf").transform(documents("king"))).getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VectorsModel.load(empty.toString()))
                .getMessage().startsWith("no vectors in directory "));
    }

    @Test
    void badParametersFailInOneLineNamingThem() {
        Word2VecEstimator word2vec = new Word2VecEstimator();
        assertEquals("dim must be in [1, 10000], got 0", message(() -> word2vec.setDim(0)));
        assertEquals("model must be one of [skipgram, cbow], got 'bow'", message(() -> word2vec.setModel("bow")));
        assertEquals("sample must be in [0, 1) (0 disables subsampling), got 1.5",
                message(() -> word2vec.setSample(1.5)));
        assertEquals("nsExponent must be in [-1, 1], got 2.0", message(() -> word2vec.setNsExponent(2)));
        assertEquals("pooling must be one of [mean, idf], got 'max'", message(() -> word2vec.setPooling("max")));
        assertEquals("workers must be in [1, 10000], got 0", message(() -> word2vec.setWorkers(0)));
        GloveEstimator glove = new GloveEstimator();
        assertEquals("xMax must be a finite number > 0, got -1.0", message(() -> glove.setXMax(-1)));
        assertEquals("window must be in [1, 1000], got 0", message(() -> glove.setWindow(0)));

        // Checks across settings run before any work: negative 0 is valid alone (with hs), not with ns.
        Dataset<Row> documents = documents("a b c");
        assertEquals("negative must be in [1, 1000], got 0", message(() -> new Word2VecEstimator()
                .setInputCol("tokens").setNegative(0).fit(documents)));
        assertEquals("inputCol 'text' is not a column of struct<tokens:array<string>>",
                message(() -> new Word2VecEstimator().setInputCol("text").fit(documents)));
        Dataset<Row> strings = spark.createDataFrame(List.of(RowFactory.create("a b")), new StructType()
                .add("text", DataTypes.StringType));
        assertEquals("inputCol 'text' must be array<string> (tokens, as Tokenizer writes), got string",
                message(() -> new GloveEstimator().setInputCol("text").fit(strings)));
    }

    @Test
    void unfittedEstimatorsSaveAndLoadTheirParameters() throws IOException {
        String path = dir.resolve("estimator").toString();
        new Word2VecEstimator().setInputCol("tokens").setDim(7).setModel("cbow").setLearningRate(0.1).save(path);
        Word2VecEstimator loaded = Word2VecEstimator.load(path);
        assertEquals(List.of("tokens", 7, "cbow", 0.1, 5), List.of(loaded.getInputCol(), loaded.getDim(),
                loaded.getModel(), loaded.getLearningRate(), loaded.getEpochs()));
        String glove = dir.resolve("glove").toString();
        new GloveEstimator().setXMax(50).setWordVectorsOnly(true).save(glove);
        GloveEstimator loadedGlove = GloveEstimator.load(glove);
        assertEquals(List.of(50.0, true, 15), List.of(loadedGlove.getXMax(), loadedGlove.getWordVectorsOnly(),
                loadedGlove.getEpochs()));
    }

    private static float[] floats(Vector vector) {
        double[] values = vector.toArray();
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
