package dev.embeddings.word2vec;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Word2VecConfigTest {

    @Test
    void learningRateDefaultsDependOnTheModelAndBackend() {
        assertEquals(0.05, Word2VecConfig.builder().build().learningRate());
        assertEquals(0.0625, Word2VecConfig.builder().model(Word2VecConfig.Architecture.CBOW).build().learningRate());
        assertEquals(0.025, Word2VecConfig.builder().backend(Word2VecConfig.Backend.ND4J).build().learningRate());
        assertEquals(0.05, Word2VecConfig.builder().model(Word2VecConfig.Architecture.CBOW)
                .backend(Word2VecConfig.Backend.ND4J).build().learningRate());
        assertEquals(0.1, Word2VecConfig.builder().model(Word2VecConfig.Architecture.CBOW).learningRate(0.1).build()
                .learningRate());
    }

    @Test
    void defaultsAreWord2vecs() {
        Word2VecConfig config = Word2VecConfig.builder().build();
        assertEquals(Word2VecConfig.Architecture.SKIPGRAM, config.model());
        assertEquals(Word2VecConfig.Loss.NS, config.loss());
        assertEquals(100, config.dim());
        assertEquals(5, config.window());
        assertEquals(5, config.negative());
        assertEquals(0.75, config.nsExponent());
        assertEquals(1e-4, config.sample());
        assertEquals(5, config.epochs());
        assertEquals(1e-4, config.minLrRatio());
    }

    @Test
    void subwordsDrawNegativesAsFastTextUnlessTold() {
        assertEquals(0.5, Word2VecConfig.builder().maxn(6).build().nsExponent());
        assertEquals(0.75, Word2VecConfig.builder().maxn(6).nsExponent(0.75).build().nsExponent());
        assertEquals(0.75, Word2VecConfig.builder().maxn(6).maxn(0).build().nsExponent());
    }

    @Test
    void validationNamesTheBadParameterAndItsRange() {
        assertRejected("dim", Word2VecConfig.builder().dim(0));
        assertRejected("window", Word2VecConfig.builder().window(0));
        assertRejected("negative", Word2VecConfig.builder().negative(0));
        assertRejected("nsExponent", Word2VecConfig.builder().nsExponent(1.5));
        assertRejected("nsExponent", Word2VecConfig.builder().nsExponent(Double.NaN));
        assertRejected("sample", Word2VecConfig.builder().sample(1));
        assertRejected("epochs", Word2VecConfig.builder().epochs(0));
        assertRejected("learningRate", Word2VecConfig.builder().learningRate(-0.1));
        assertRejected("minLrRatio", Word2VecConfig.builder().minLrRatio(1.5));
        assertRejected("threads", Word2VecConfig.builder().threads(0));
    }

    @Test
    void anotherSeedKeepsEveryOtherSetting() {
        Word2VecConfig config = Word2VecConfig.builder().model(Word2VecConfig.Architecture.CBOW).nsExponent(0.5)
                .window(7).threads(3).seed(1).build();
        Word2VecConfig reseeded = config.withSeed(99);
        assertEquals(99, reseeded.seed());
        assertEquals(config, reseeded.withSeed(1));
    }

    @Test
    void hierarchicalSoftmaxNeedsNoNegatives() {
        assertEquals(0, Word2VecConfig.builder().loss(Word2VecConfig.Loss.HS).negative(0).build().negative());
    }

    @Test
    void nd4jBackendSupportsNegativeSamplingOnly() {
        assertRejected("backend", Word2VecConfig.builder().backend(Word2VecConfig.Backend.ND4J)
                .loss(Word2VecConfig.Loss.HS));
        assertEquals(Word2VecConfig.Backend.JVM, Word2VecConfig.builder().build().backend());
    }

    @Test
    void subwordsAreOffByDefaultAndTakeFastTextsDefaultsWhenOn() {
        Word2VecConfig plain = Word2VecConfig.builder().build();
        assertFalse(plain.subwords());
        assertEquals(List.of(3, 0, 0), List.of(plain.minn(), plain.maxn(), plain.buckets()),
                "no buckets without n-grams, as fastText records it");
        Word2VecConfig subwords = Word2VecConfig.builder().maxn(6).build();
        assertTrue(subwords.subwords());
        assertEquals(List.of(3, 6, 2_000_000), List.of(subwords.minn(), subwords.maxn(), subwords.buckets()));
        assertEquals(subwords, subwords.withSeed(5).withSeed(subwords.seed()));
        assertEquals(6, subwords.charNgrams().maxn());
    }

    @Test
    void subwordSettingsAreValidatedTogether() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Word2VecConfig.builder().minn(4).maxn(2).build());
        assertEquals("character n-grams (minn 4, maxn 2, buckets 2000000): minn must be between 1 and maxn (2), got 4",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.builder().maxn(6).buckets(0).build());
        assertTrue(e.getMessage().contains("bucket must be >= 1 when maxn > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.builder().maxn(6)
                .backend(Word2VecConfig.Backend.ND4J).build());
        assertTrue(e.getMessage().startsWith("subwords (maxn 6) are trained by the java backend only"),
                e.getMessage());
    }

    private static void assertRejected(String parameter, Word2VecConfig.Builder builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith(parameter + " must be "), e.getMessage());
    }
}
