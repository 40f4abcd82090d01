package dev.embeddings.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.testing.SentimentFiles;
import dev.embeddings.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.Tokenizer;
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

/**
 * Our estimators as stages of a Spark ML pipeline on real local Spark: Tokenizer, then word2vec or GloVe trained by
 * this project's jobs, then MLlib's LogisticRegression, on the generated two-class task of the fine-tuning tests
 * (chance 50 %); the fitted pipeline saved, loaded and predicting the same.
 */
@Timeout(300)
class MlPipelineTest {

    private static SparkSession spark;

    @TempDir
    static Path dir;

    private static Dataset<Row> train;
    private static Dataset<Row> test;

    @BeforeAll
    static void start() throws IOException {
        spark = TestSpark.local();
        train = labelled(SentimentFiles.write(dir.resolve("train.tsv"), 1500, 1));
        test = labelled(SentimentFiles.write(dir.resolve("test.tsv"), 400, 2));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** {@code label} 1.0 for pos, 0.0 for neg, and {@code text}. */
    private static Dataset<Row> labelled(Path file) throws IOException {
        List<String> labels = SentimentFiles.labels(file);
        List<String> texts = SentimentFiles.texts(file);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            rows.add(RowFactory.create(labels.get(i).equals("pos") ? 1.0 : 0.0, texts.get(i)));
        }
        return spark.createDataFrame(rows, new StructType().add("label", DataTypes.DoubleType)
                .add("text", DataTypes.StringType));
    }

    private static PipelineModel fitAndCheck(PipelineStage vectors, String name) throws IOException {
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new Tokenizer().setInputCol("text").setOutputCol("tokens"), vectors,
                new LogisticRegression().setFeaturesCol("features").setMaxIter(20)});
        PipelineModel model = pipeline.fit(train);
        Dataset<Row> predicted = model.transform(test);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predicted);
        assertTrue(accuracy > 0.75, name + ": accuracy " + accuracy + " on the test set (chance 0.5)");

        String saved = dir.resolve(name + "-pipeline").toString();
        model.write().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        assertEquals(VectorsModel.class, loaded.stages()[1].getClass());
        List<Row> before = predicted.select("features", "probability", "prediction").collectAsList();
        List<Row> after = loaded.transform(test).select("features", "probability", "prediction").collectAsList();
        assertEquals(before, after, name + ": the reloaded pipeline gives identical features and predictions");
        return model;
    }

    @Test
    void word2vecFeedsLogisticRegressionAndTheSavedPipelinePredictsTheSame() throws IOException {
        Word2VecEstimator word2vec = new Word2VecEstimator().setInputCol("tokens").setOutputCol("features")
                .setDim(16).setSample(0).setMinCount(2).setThreads(1).setSeed(1);
        PipelineModel model = fitAndCheck(word2vec, "word2vec");
        VectorsModel vectors = (VectorsModel) model.stages()[1];
        assertEquals(16, vectors.dimension());
        assertEquals(30 + 8, vectors.getVectors().count(), "the vocabulary: 30 noise words and 8 cue words");
        // Training learned the task's structure: a class's cue words share contexts (each other), noise words not.
        List<String> nearest = vectors.findSynonyms("poscue0", 3).collectAsList().stream().map(r -> r.getString(0))
                .toList();
        assertTrue(nearest.stream().allMatch(w -> w.startsWith("poscue")), "poscue0's nearest: " + nearest);
    }

    @Test
    void gloveWithIdfPoolingFeedsLogisticRegressionToo() throws IOException {
        GloveEstimator glove = new GloveEstimator().setInputCol("tokens").setOutputCol("features").setDim(16)
                .setEpochs(10).setMinCount(2).setThreads(1).setPooling("idf");
        fitAndCheck(glove, "glove");
    }
}
