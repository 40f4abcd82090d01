package dev.embeddings.word2vec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an ND4J round reports, counted by ND4J's own profiler: the model crosses to the device and back exactly
 * once, only word ids travel in between, and the operations stay few per word — many windows per operation (a
 * per-example or per-word operation would give hundreds or thousands per 1,000 words).
 */
class Nd4jRoundStatsTest {

    private static PlantedCorpus corpus;

    @BeforeAll
    static void generateCorpus(@TempDir Path dir) throws IOException {
        corpus = PlantedCorpus.generate(dir, 4, 2_000, 2);
        System.setProperty(Nd4jRound.COUNT_OPS_PROPERTY, "true");
    }

    @AfterAll
    static void stopCounting() {
        System.clearProperty(Nd4jRound.COUNT_OPS_PROPERTY);
    }

    @ParameterizedTest
    @CsvSource({"SKIPGRAM, 100", "CBOW, 60"})
    void aRoundCopiesTheModelOnceEachWayAndRunsFewOperationsPerWord(Word2VecConfig.Architecture architecture,
                                                                    double maxOpsPer1000Words) throws IOException {
        Word2VecConfig config = Word2VecConfig.builder().model(architecture).backend(Word2VecConfig.Backend.ND4J)
                .dim(32).threads(1).sample(0).build();
        Word2VecModel model = Word2VecModel.initialize(corpus.vocabulary().size(), config.dim(), config.loss(), 1);
        Word2VecTrainer trainer = new Word2VecTrainer(config, model, corpus.vocabulary().counts());
        trainer.train(corpus.sources(1), 0, 0.2, corpus.tokens(), ProgressListener.NONE);

        Nd4jRoundStats round = trainer.lastNd4jRound();
        System.out.println(architecture + ": " + round);
        long modelBytes = 4L * (model.input().segmentArray(0).length + model.output().segmentArray(0).length);
        assertEquals(corpus.tokens(), round.words());
        assertEquals(modelBytes, round.modelBytes());
        assertEquals(modelBytes, round.bytesToHost(), "the model comes back once, at the end");
        assertTrue(round.idBytes() > 0 && round.idBytes() < 100L * round.words(),
                "word ids per word: " + round.idBytes() / (double) round.words());
        assertTrue(round.ops() > 0, "the profiler counted the operations");
        assertTrue(round.opsPer1000Words() < maxOpsPer1000Words, round.toString());
    }
}
