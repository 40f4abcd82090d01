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

    /** The CRF tagger (a layer and a graph vertex of this project's own) trains under parameter averaging too. */
    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void twoWorkersTrainTheCrfTaggerAndItReloadsWithTheReportedScore() throws Exception {
        System.setProperty("spark.executorEnv.OMP_NUM_THREADS", "1");
        Path vectors = SentimentFiles.writeVectors(dir.resolve("vectors.txt"), 16, 5);
        Path train = writeNames(dir.resolve("train.conll"), 200, 1);
        Path dev = writeNames(dir.resolve("dev.conll"), 60, 2);
        FineTuneConfig training = new FineTuneConfig(ModelKind.CRF, EmbeddingMode.RANDOM, 16, 1, false,
                TagScheme.IOB2, 2, 2, 16, new OptimizerConfig(Optimizer.ADAM, 0.02, 0.02, 0, LrSchedule.CONSTANT, 0, 0),
                0.2, 0, 8, 8, 3);
        FineTuneRun run = new FineTuneRun(FineTuneTaskKind.NER, vectors, train, dev, null, dir.resolve("out"), false,
                2, 2, false, training);
        SparkSession session = TestSpark.localCluster(2);
        try {
            List<FineTuneRunner.ModeResult> results =
                    FineTuneRunner.run(run, JavaSparkContext.fromSparkContext(session.sparkContext()));
            double f1 = ((EntityReport) results.get(0).outcome().splits().get("dev")).f1();
            assertTrue(f1 > 0.5, "entity F1 " + f1);
            assertEquals(f1, Predictor.load(dir.resolve("out")).evaluate(dev, TagScheme.IOB2).headline(), 1e-9);
        } finally {
            session.stop();
        }
    }

    /** CoNLL 'word tag' sentences: lower-case filler words around one capitalised person name (B-PER). */
    private static Path writeNames(Path file, int sentences, long seed) throws java.io.IOException {
        String[] names = {"Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid"};
        java.util.Random random = new java.util.Random(seed);
        List<String> lines = new java.util.ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            int length = 3 + random.nextInt(5);
            int at = random.nextInt(length);
            for (int t = 0; t < length; t++) {
                lines.add(t == at ? names[random.nextInt(names.length)] + " B-PER" : "w" + random.nextInt(30) + " O");
            }
            lines.add("");
        }
        return Files.write(file, lines);
    }
}
