package dev.embeddings.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.testing.PlantedSpark;
import dev.embeddings.vectors.VectorMath;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

        AnalogyResult scores = planted.analogies(WordVectors.of(result.vocabulary().words(), result.model().input(),
                training.dim()));
        System.out.printf("%s %s workers=%d: capital %.3f language %.3f gender %.3f%n", model, loss, workers,
                scores.sections().get("capital-country").accuracy(),
                scores.sections().get("country-language").accuracy(),
                scores.sections().get("gram-gender").accuracy());
        assertTrue(scores.sections().get("capital-country").accuracy() >= 0.2, "capital analogies: " + scores);
        assertTrue(scores.sections().get("country-language").accuracy() >= 0.2, "language analogies: " + scores);
    }
}
