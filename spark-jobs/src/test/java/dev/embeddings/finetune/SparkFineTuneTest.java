package dev.embeddings.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.testing.SentimentFiles;
import dev.embeddings.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The distributed path: DL4J's ParameterAveragingTrainingMaster on a real two-executor cluster. */
class SparkFineTuneTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void twoWorkersOnALocalClusterLearnTheTaskAndSaveTheBestModel() throws Exception {
        // Executors are separate JVMs: keep their native thread pools at one thread on this shared machine.
        System.setProperty("spark.executorEnv.OMP_NUM_THREADS", "1");
        Path vectors = SentimentFiles.writeVectors(dir.resolve("vectors.txt"), 16, 5);
        Path train = SentimentFiles.write(dir.resolve("train.tsv"), 300, 1);
        Path dev = SentimentFiles.write(dir.resolve("dev.tsv"), 100, 2);
        FineTuneConfig training = new FineTuneConfig(ModelKind.AVERAGE, EmbeddingMode.STATIC, 16, 1, true,
                TagScheme.IOB2, 3, 2, 16, new OptimizerConfig(Optimizer.ADAMW, 0.02, 0.02, 0.01, LrSchedule.LINEAR, 0.1, 0), 0.2,
                3, 8, 8, 3);
        FineTuneRun run = new FineTuneRun(FineTuneTaskKind.CLASSIFICATION, vectors, train, dev, null,
                dir.resolve("out"), false, 2, 3, false, training);

        SparkSession session = TestSpark.localCluster(2);
        Set<String> executors = ConcurrentHashMap.newKeySet();
        session.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd task) {
                executors.add(task.taskInfo().executorId());
            }
        });
        try {
            List<FineTuneRunner.ModeResult> results =
                    FineTuneRunner.run(run, JavaSparkContext.fromSparkContext(session.sparkContext()));

            double accuracy = ((ClassificationReport) results.get(0).outcome().splits().get("dev")).accuracy();
            assertTrue(accuracy > 0.8, "dev accuracy " + accuracy + " (chance ~0.5)");
            assertEquals(2, executors.size(), "training tasks ran on " + executors);
            // The model saved is the best one: reloaded, it scores the reported dev accuracy.
            Predictor predictor = Predictor.load(dir.resolve("out"));
            List<String> predicted = predictor.classify(SentimentFiles.texts(dev));
            List<String> gold = SentimentFiles.labels(dev);
            long correct = java.util.stream.IntStream.range(0, gold.size())
                    .filter(i -> gold.get(i).equals(predicted.get(i))).count();
            assertEquals(accuracy, (double) correct / gold.size(), 1e-9);
            assertTrue(Files.isRegularFile(dir.resolve("out").resolve(FineTuneRunner.HTML_REPORT)));
            // The learning-rate schedule spans the steps DL4J-Spark counts: 19 minibatches an epoch make 3 rounds
            // of 2 workers x 3 (rounded down), each advancing the iteration count by 3, for 3 epochs.
            assertEquals(3 * 3 * 3, ModelDirectory.readNetwork(dir.resolve("out")).getConfiguration()
                    .getIterationCount());
        } finally {
            session.stop();
        }
    }
}
