package dev.embeddings.word2vec;

import dev.embeddings.matrix.FloatMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.averaging.ExecutorMemory;
import dev.embeddings.averaging.ReplicaMemory;
import dev.embeddings.averaging.ReplicaScope;
import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.corpus.ShardSlice;
import dev.embeddings.corpus.WorkPlan;
import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.random.Seeds;
import dev.embeddings.testing.PlantedSpark;
import dev.embeddings.vectors.VectorMath;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model x loss recovers the planted relations when trained by one worker and by two workers averaging their
 * copies, on a real multi-JVM Spark cluster (two executor JVMs).
 */
@Timeout(900)
class Word2VecClusterTest {

    @RegisterExtension
    static final PlantedSpark planted = PlantedSpark.localCluster(2, 40_000, 2);

    @TempDir
    Path dir;

    @Test
    void executorsRunTheSimdKernels() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(planted.spark().sparkContext());
        List<Boolean> simd = jsc.parallelize(List.of(0, 1), 2).map(i -> VectorMath.simd()).collect();
        assertEquals(List.of(true, true), simd, "the Vector API module on both executors");
    }

    @Test
    void onAClusterTheExecutorsHeapIsCheckedNotTheDrivers() {
        // 3 M words x 300: a 7.2 GB replica against the cluster's 1 GB executors (spark.executor.memory).
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExecutorMemory.requireFits(
                ReplicaMemory.word2vec(3_000_000L, 300, 2, 0, 0), "word2vec", planted.spark().sparkContext(), 2,
                ReplicaScope.WORKER));
        assertTrue(e.getMessage().matches("word2vec: the model needs [0-9.]+ GiB per executor \\(1 x \\(replica .*"
                + "but an executor's heap is 1.00 GiB .*raise spark.executor.memory.*or run fewer workers per "
                + "executor or --replica-per executor"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} {1}, {2} worker(s)")
    @CsvSource({"SKIPGRAM, NS, 1", "SKIPGRAM, NS, 2", "SKIPGRAM, HS, 1", "SKIPGRAM, HS, 2",
            "CBOW, NS, 1", "CBOW, NS, 2", "CBOW, HS, 1", "CBOW, HS, 2"})
    void recoversPlantedRelations(Word2VecConfig.Architecture model, Word2VecConfig.Loss loss, int workers)
            throws IOException {
        Word2VecConfig training = Word2VecConfig.builder().model(model).loss(loss).dim(50).threads(1).seed(5)
                .build();
        Word2VecJobConfig config = new Word2VecJobConfig(planted.corpusDir(), dir.resolve("out").toString(),
                training, workers, 2, null, false, false);
        Word2VecJob.Result result = new Word2VecJob(planted.spark(), config).run();
        assertEquals(2, planted.spark().sparkContext().getExecutorMemoryStatus().size() - 1, "two executor JVMs");

        AnalogyResult scores = planted.analogies(WordVectors.of(result.vocabulary().words(), result.model().input().toArray(),
                training.dim()));
        System.out.printf("%s %s workers=%d: capital %.3f language %.3f gender %.3f%n", model, loss, workers,
                scores.sections().get("capital-country").accuracy(),
                scores.sections().get("country-language").accuracy(),
                scores.sections().get("gram-gender").accuracy());
        assertTrue(scores.sections().get("capital-country").accuracy() >= 0.2, "capital analogies: " + scores);
        assertTrue(scores.sections().get("country-language").accuracy() >= 0.2, "language analogies: " + scores);
    }

    /**
     * Two workers on the two executor JVMs, one thread each: the job's vectors are exactly those of two replicas
     * trained here, round by round, on the same slices with the same seeds and merged by the adaptive rule computed
     * directly (float for float as the owners compute it), so the exchange ships every changed row and nothing else
     * moves the model. A second run gives the same vectors bit for bit.
     */
    @Test
    void twoWorkersEndAtTheAdaptiveMergeOfTheirReplicasComputedDirectly() throws IOException {
        int workers = 2;
        int rounds = 2;
        Word2VecConfig training = Word2VecConfig.builder().model(Word2VecConfig.Architecture.CBOW).dim(16).epochs(1)
                .threads(1).seed(11).build();
        Word2VecJob.Result result = new Word2VecJob(planted.spark(), new Word2VecJobConfig(planted.corpusDir(),
                dir.resolve("job").toString(), training, workers, rounds, null, false, false)).run();
        Word2VecJob.Result again = new Word2VecJob(planted.spark(), new Word2VecJobConfig(planted.corpusDir(),
                dir.resolve("again").toString(), training, workers, rounds, null, false, false)).run();
        assertArrayEquals(result.model().input().toArray(), again.model().input().toArray(), "deterministic with a seed");

        Configuration conf = new Configuration();
        CorpusDirectory corpus = CorpusDirectory.open(planted.corpusDir(), conf);
        long[] counts = corpus.vocabulary().counts();
        WorkPlan plan = new WorkPlan(corpus.manifest().shards(), corpus::shardPath, workers, 1, rounds);
        Word2VecModel merged = Word2VecModel.initialize(counts.length, training.dim(), training.loss(),
                training.seed());
        for (int round = 0; round < rounds; round++) {
            Word2VecModel[] replicas = new Word2VecModel[workers];
            long[] words = new long[workers];
            double progress = round / (double) rounds;
            for (int w = 0; w < workers; w++) {
                replicas[w] = Word2VecModel.wrap(counts.length, training.dim(), training.loss(),
                        merged.input().copy(), merged.output().copy());
                replicas[w].countUpdates();
                List<ShardSlice> slices = plan.slices(w, round).get(0);
                long expected = slices.stream().mapToLong(ShardSlice::tokens).sum();
                try (ShardSliceSource source = new ShardSliceSource(slices, counts.length,
                        path -> new org.apache.hadoop.fs.Path(path).getFileSystem(conf).open(new org.apache.hadoop.fs.Path(path)))) {
                    words[w] = new Word2VecTrainer(training.withSeed(Seeds.derive(training.seed(), w)), replicas[w],
                            counts).train(List.of(source), progress, (round + 1) / (double) rounds, expected,
                            p -> { }).wordsProcessed();
                }
            }
            double contraction = Word2VecReplicaWorker.CONTRACTION_PER_LEARNING_RATE
                    * Word2VecTrainer.learningRate(training.learningRate(), training.minLrRatio(), progress);
            mergeAdaptively(merged.input(), replicas, words, contraction, 0);
            mergeAdaptively(merged.output(), replicas, words, contraction, 1);
        }
        assertArrayEquals(merged.input().toArray(), result.model().input().toArray(), "word vectors");
        assertArrayEquals(merged.output().toArray(), result.model().output().toArray(), "output weights");
    }

    /**
     * The adaptive rule over the rows of one matrix ({@code m}: 0 input, 1 output): for each row the workers
     * changed, the sum of weight x change, applied as {@code contributors x covered(all updates) / sum of covered}
     * over the weights' sum.
     */
    private static void mergeAdaptively(FloatMatrix start, Word2VecModel[] replicas, long[] words,
            double contraction, int m) {
        int dim = replicas[0].dim();
        for (int row = 0; row < start.rows(); row++) {
            float[] deltaSum = new float[dim];
            double weightSum = 0;
            double updateSum = 0;
            double coveredSum = 0;
            int contributors = 0;
            for (int w = 0; w < replicas.length; w++) {
                FloatMatrix trained = m == 0 ? replicas[w].input() : replicas[w].output();
                int updates = replicas[w].updateCounts()[m][row];
                boolean changed = false;
                for (int k = 0; k < dim; k++) {
                    changed |= trained.get(row, k) != start.get(row, k);
                }
                if (!changed) {
                    continue;
                }
                double weight = Math.max(1, words[w]);
                for (int k = 0; k < dim; k++) {
                    deltaSum[k] += (float) (weight * (trained.get(row, k) - start.get(row, k)));
                }
                weightSum += weight;
                contributors++;
                updateSum += updates;
                coveredSum += -Math.expm1(updates * Math.log1p(-contraction));
            }
            if (contributors == 0) {
                continue;
            }
            double copies = coveredSum <= 0 ? contributors
                    : contributors * -Math.expm1(updateSum * Math.log1p(-contraction)) / coveredSum;
            float scale = (float) (copies / weightSum);
            for (int k = 0; k < dim; k++) {
                start.add(row, k, deltaSum[k] * scale);
            }
        }
    }
}
