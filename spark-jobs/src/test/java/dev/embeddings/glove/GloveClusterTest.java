package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.testing.PlantedCorpus;
import dev.embeddings.testing.TestSpark;
import dev.embeddings.vectors.WordVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** GloVe on a real multi-JVM cluster with two workers averaging: planted relations are recovered. */
@Timeout(900)
class GloveClusterTest {

    @TempDir
    Path dir;

    @Test
    void twoWorkersOnTwoExecutorJvmsRecoverPlantedRelations() throws Exception {
        SparkSession spark = TestSpark.localCluster(2);
        try {
            PlantedCorpus planted = PlantedCorpus.create(spark, dir, 40_000, 2);
            GloveConfig training = new GloveConfig(50, 10, true, 10, 0.75, 20, 0.05, 100, 1, 3,
                    OutputVectors.WORD_PLUS_CONTEXT, 64);
            GloveJobConfig config = new GloveJobConfig(planted.corpusDir(), dir.resolve("glove").toString(),
                    training, 2, 1, null, false, false);
            GloveJob.Result result = new GloveJob(spark, config).run();
            assertEquals(2, spark.sparkContext().getExecutorMemoryStatus().size() - 1, "two executor JVMs");

            AnalogyResult scores = planted.analogies(WordVectors.of(result.vocabulary().words(), result.vectors().toArray(),
                    training.dim()));
            System.out.printf("glove 2 workers: capital %.3f language %.3f%n",
                    scores.sections().get("capital-country").accuracy(),
                    scores.sections().get("country-language").accuracy());
            assertTrue(scores.sections().get("capital-country").accuracy() >= 0.15, "capital analogies: " + scores);
            assertTrue(scores.sections().get("country-language").accuracy() >= 0.15, "language analogies: " + scores);
            assertTrue(Files.exists(dir.resolve("glove/report.html")));
            double first = result.manifest().metrics().history().get(0).loss();
            assertTrue(result.manifest().metrics().finalLoss() < first, "the loss falls");
        } finally {
            spark.stop();
        }
    }
}
