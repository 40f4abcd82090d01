package dev.embeddings.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.subword.FastTextArgs;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.subword.FastTextModel;
import dev.embeddings.subword.SubwordRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained subword model written as a fastText .bin and read back: its settings, words, vectors and output. */
class FastTextExportTest {

    private static final String[] WORDS = {"the", "walks", "walked", "drums", "</s>"};
    private static final long[] COUNTS = {9, 7, 5, 3, 2};

    @TempDir
    Path dir;

    @Test
    void theBinHoldsOurSettingsWordsAndMatricesAndComposesOurVectors() throws IOException {
        Word2VecConfig config = Word2VecConfig.builder().model(Word2VecConfig.Architecture.CBOW).dim(8).window(3)
                .negative(4).sample(1e-3).epochs(2).threads(1).minn(2).maxn(4).buckets(64).build();
        Word2VecModel model = trained(config);
        FastTextModel export = FastTextExport.of(config, model, WORDS, COUNTS, 2, 40);
        assertSame(model.input(), export.input());
        assertSame(model.output(), export.output());

        Path file = dir.resolve("model.bin");
        FastTextBinary.write(file, export);
        FastTextModel read = FastTextBinary.read(file);
        assertEquals(new FastTextArgs(8, 3, 2, 2, 4, 1, FastTextArgs.Loss.NS, FastTextArgs.Model.CBOW, 64, 2, 4, 100,
                1e-3), read.args());
        assertEquals(40, read.dictionary().ntokens());
        assertEquals(3, read.dictionary().count(3));
        FloatMatrix vectors = model.vectors();
        float[] composed = new float[8];
        for (int w = 0; w < WORDS.length; w++) {
            read.vectors().vector(WORDS[w], composed);
            assertArrayEquals(vectors.row(w), composed, WORDS[w]);
        }
        assertEquals(1, read.vectors().vector("</s>", composed), "the end of sentence has its own row only");
        assertArrayEquals(model.inputRow(4), composed);
    }

    @Test
    void hierarchicalSoftmaxRowsAreWrittenInFastTextsSense() throws IOException {
        Word2VecConfig config = Word2VecConfig.builder().loss(Word2VecConfig.Loss.HS).dim(6).epochs(1).threads(1)
                .maxn(5).buckets(32).build();
        Word2VecModel model = trained(config);
        FastTextModel export = FastTextExport.of(config, model, WORDS, COUNTS, 1, 26);
        assertEquals(FastTextArgs.Loss.HS, export.args().loss());
        assertEquals(WORDS.length, export.output().rows(), "fastText keeps a row per word");
        for (int row = 0; row < WORDS.length - 1; row++) {
            float[] ours = model.output().row(row);
            float[] theirs = export.output().row(row);
            for (int k = 0; k < ours.length; k++) {
                assertEquals(-ours[k], theirs[k], "inner node " + row + " predicts the code, ours 1 - code");
            }
        }
        assertArrayEquals(new float[6], export.output().row(WORDS.length - 1));
    }

    @Test
    void aModelWithoutSubwordsIsNoFastTextModel() {
        Word2VecConfig config = Word2VecConfig.builder().dim(4).build();
        Word2VecModel plain = Word2VecModel.initialize(WORDS.length, 4, Word2VecConfig.Loss.NS, 1);
        assertThrows(IllegalArgumentException.class, () -> FastTextExport.of(config, plain, WORDS, COUNTS, 1, 26));
    }

    /** A model of {@link #WORDS} trained a little on a few sentences, so no matrix is all zeros. */
    private static Word2VecModel trained(Word2VecConfig config) throws IOException {
        Word2VecModel model = Word2VecModel.initialize(SubwordRows.of(WORDS, config.charNgrams()), config.dim(),
                config.loss(), config.seed());
        List<int[]> sentences = List.of(new int[] {0, 1, 0, 2, 3}, new int[] {1, 2, 0, 3, 0, 4}, new int[] {0, 0, 1});
        new Word2VecTrainer(config, model, COUNTS).trainEpochs(e -> List.of(SentenceSource.of(sentences, "few")), 14,
                ProgressListener.NONE);
        return model;
    }
}
