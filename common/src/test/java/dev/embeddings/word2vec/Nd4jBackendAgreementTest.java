package dev.embeddings.word2vec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With one example per minibatch the ND4J backend computes word2vec.c's update, from the same random stream as the
 * JVM backend, so on a small problem (same seed, one thread, a full epoch of windows, subsampling and negative
 * draws) the two must end with the same vectors up to float rounding, which the two backends order differently.
 * This pins the device-side gather / batched-product / scatter-add path to the scalar kernel. One negative per
 * example: with several, a word drawn twice in one draw is stepped twice from the same values here (the exact
 * gradient of the minibatch loss) but one after the other in word2vec.c, a real, small difference. Both count the
 * same row updates.
 */
class Nd4jBackendAgreementTest {

    /** Of how far training moved each matrix. */
    private static final double TOLERANCE = 1e-4;

    private static PlantedCorpus corpus;

    @BeforeAll
    static void generateCorpus(@TempDir Path dir) throws IOException {
        corpus = PlantedCorpus.generate(dir, 9, 400, 2);
    }

    @ParameterizedTest
    @EnumSource(Word2VecConfig.Architecture.class)
    void oneExampleMinibatchesReproduceTheJvmBackend(Word2VecConfig.Architecture architecture) throws IOException {
        // The backends' default learning rates differ; the comparison needs one rate for both.
        double learningRate = Word2VecConfig.defaultLearningRate(architecture, Word2VecConfig.Backend.ND4J);
        Word2VecConfig jvm = Word2VecConfig.builder().model(architecture).dim(16).negative(1).epochs(1).threads(1)
                .seed(5).learningRate(learningRate).build();
        Word2VecConfig nd4j = Word2VecConfig.builder().model(architecture).dim(16).negative(1).epochs(1).threads(1)
                .seed(5).learningRate(learningRate).backend(Word2VecConfig.Backend.ND4J).build();
        Word2VecModel expected = train(jvm);
        Word2VecModel actual = train(nd4j);

        float[] initial = Word2VecModel.initialize(corpus.vocabulary().size(), 16, jvm.loss(), jvm.seed()).input().segmentArray(0);
        double inputScale = maxAbsDifference(initial, expected.input().segmentArray(0));
        double outputScale = maxAbs(expected.output().segmentArray(0));
        // The output layer starts at zero, so its scale is what training moved it by.
        assertTrue(outputScale > 1e-3, "training moved the output layer: " + outputScale);
        System.out.printf("%s: max |difference| input %.3g (scale %.3g), output %.3g (scale %.3g)%n", architecture,
                maxAbsDifference(expected.input().segmentArray(0), actual.input().segmentArray(0)), inputScale,
                maxAbsDifference(expected.output().segmentArray(0), actual.output().segmentArray(0)), outputScale);
        assertEquals(0, maxAbsDifference(expected.input().segmentArray(0), actual.input().segmentArray(0)), TOLERANCE * inputScale, "input");
        assertEquals(0, maxAbsDifference(expected.output().segmentArray(0), actual.output().segmentArray(0)), TOLERANCE * outputScale, "output");
        assertTrue(Arrays.stream(expected.updateCounts()[1]).sum() > 0, "updates were counted");
        assertArrayEquals(expected.updateCounts()[0], actual.updateCounts()[0], "input row updates");
        assertArrayEquals(expected.updateCounts()[1], actual.updateCounts()[1], "output row updates");
    }

    private static Word2VecModel train(Word2VecConfig config) throws IOException {
        Word2VecModel model = Word2VecModel.initialize(corpus.vocabulary().size(), config.dim(), config.loss(),
                config.seed());
        model.countUpdates();
        new Word2VecTrainer(config, model, corpus.vocabulary().counts(), Nd4jBatchShape.ONE_EXAMPLE)
                .trainEpochs(epoch -> corpus.sources(1), corpus.tokens(), ProgressListener.NONE);
        return model;
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
