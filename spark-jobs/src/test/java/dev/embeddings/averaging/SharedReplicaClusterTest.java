package dev.embeddings.averaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.checkpoint.TrainingRound;
import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.glove.GloveConfig;
import dev.embeddings.glove.GloveJob;
import dev.embeddings.glove.GloveJobConfig;
import dev.embeddings.glove.OutputVectors;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.testing.PlantedSpark;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecJob;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One replica per executor (the default) on a real multi-JVM cluster of two executors with two task slots each:
 * four workers train two replicas, two workers each, and only the two replicas exchange rows.
 */
@Timeout(900)
class SharedReplicaClusterTest {

    @RegisterExtension
    static final PlantedSpark planted = PlantedSpark.localCluster(2, 2, 40_000, 4);

    @TempDir
    Path dir;

    @Test
    void word2vecTrainsOneReplicaPerExecutor() throws IOException {
        Word2VecConfig training = Word2VecConfig.builder().dim(50).threads(1).seed(3).build();
        Word2VecJob.Result result = new Word2VecJob(planted.spark(), new Word2VecJobConfig(planted.corpusDir(),
                dir.resolve("word2vec").toString(), training, 4, 2, null, false, false)).run();
        assertTwoReplicasExchanged(result.manifest());
        AnalogyResult scores = planted.analogies(WordVectors.of(result.vocabulary().words(),
                result.model().input().toArray(), training.dim()));
        assertTrue(scores.sections().get("capital-country").accuracy() >= 0.2, "capital analogies: " + scores);
    }

    @Test
    void gloveTrainsOneReplicaPerExecutor() throws IOException {
        GloveConfig training = new GloveConfig(50, 10, true, 10, 0.75, 20, 0.05, 100, 1, 3,
                OutputVectors.WORD_PLUS_CONTEXT, 64);
        GloveJob.Result result = new GloveJob(planted.spark(), new GloveJobConfig(planted.corpusDir(),
                dir.resolve("glove").toString(), training, 4, 1, null, false, false)).run();
        assertTwoReplicasExchanged(result.manifest());
        AnalogyResult scores = planted.analogies(WordVectors.of(result.vocabulary().words(),
                result.vectors().toArray(), training.dim()));
        assertTrue(scores.sections().get("capital-country").accuracy() >= 0.15, "capital analogies: " + scores);
    }

    private static void assertTwoReplicasExchanged(VectorsManifest manifest) {
        Synchronisation sync = manifest.metrics().synchronisation();
        assertEquals(2, sync.replicas(), "one replica per executor: " + sync);
        assertTrue(sync.bytesWrittenPerRound() > 0, "the replicas exchanged rows");
        assertEquals("executor", manifest.parameters().replicaPer());
        List<TrainingRound> history = manifest.metrics().history();
        assertTrue(manifest.metrics().finalLoss() < history.get(0).loss(), "the loss falls");
        assertEquals(history.size(), manifest.metrics().checkpoints().written(),
                "on a cluster the driver reads the last round's model from its checkpoint");
    }
}
