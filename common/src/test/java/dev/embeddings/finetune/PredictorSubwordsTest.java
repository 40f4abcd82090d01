package dev.embeddings.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.subword.FastTextModel;
import dev.embeddings.subword.SubwordVectors;
import dev.embeddings.word2vec.WordFamilies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classifier and a tagger fine-tuned on a subword model's vectors ({@link WordFamilies}: the label is the family) and
 * saved with that model: at prediction time a word seen neither in training nor in the vectors gets the vector the
 * model composes for it, in a row of its own, and is classified by it; without the model it is the unknown word.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PredictorSubwordsTest {

    /** Misspelt forms of the walk and drum families: in neither the training text nor the vectors. */
    private static final List<String> UNSEEN = List.of("walker", "drumer");

    @TempDir
    static Path dir;
    private static SubwordVectors model;
    private static Path withSubwords;
    private static Path withoutSubwords;
    private static Path bin;

    @BeforeAll
    static void fineTune() throws IOException {
        FastTextModel trained = WordFamilies.fastText(3_000);
        model = trained.vectors();
        bin = dir.resolve("families.bin");
        FastTextBinary.write(bin, trained);
        Path train = familyTexts(dir.resolve("train.tsv"), 200, 1);
        Path dev = familyTexts(dir.resolve("dev.tsv"), 40, 2);
        FineTuneConfig config = new FineTuneConfig(ModelKind.AVERAGE, EmbeddingMode.STATIC, 16, 1, true,
                TagScheme.IOB2, 5, 5, 16, new OptimizerConfig(Optimizer.ADAMW, 0.02, 0.02, 0, LrSchedule.CONSTANT,
                0, 0), 0, 0, 4, 4, 7).validate();
        withoutSubwords = dir.resolve("plain");
        FineTuneJob.run(config, train, dev, null, PretrainedVectors.of(model), withoutSubwords);
        withSubwords = dir.resolve("composing");
        FineTuneJob.run(config, train, dev, null, PretrainedVectors.of(model), withSubwords);
        ModelDirectory.saveSubwords(withSubwords, bin);
        for (String word : UNSEEN) {
            assertTrue(model.dictionary().id(word) < 0 && model.composes(word), word);
            assertFalse(Files.readString(train).contains(word), word);
        }
    }

    /** Texts of one family's stem forms and context words, labelled with its stem: walk and drum only. */
    private static Path familyTexts(Path file, int count, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int family = random.nextInt(2);
            List<String> words = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                words.add(random.nextBoolean() ? WordFamilies.STEMS[family]
                        + WordFamilies.SUFFIXES[random.nextInt(WordFamilies.SUFFIXES.length)]
                        : WordFamilies.CONTEXTS[family][random.nextInt(WordFamilies.CONTEXTS[family].length)]);
            }
            lines.add(WordFamilies.STEMS[family] + "\t" + String.join(" ", words));
        }
        return Files.write(file, lines);
    }

    @Test
    void anUnseenWordGetsItsComposedVectorInARowOfItsOwn() throws IOException {
        Predictor predictor = Predictor.load(withSubwords);
        Predictor.Prepared saved = Predictor.load(withoutSubwords).prepare(List.of(UNSEEN));
        Predictor.Prepared prepared = predictor.prepare(List.of(UNSEEN));
        float[] composed = new float[model.dimension()];
        for (String word : UNSEEN) {
            assertEquals(TokenIndex.UNKNOWN, saved.index().row(word), word);
            int row = prepared.index().row(word);
            assertTrue(row >= saved.index().rows(), word + " has a row after the trained ones: " + row);
            model.vector(word, composed);
            assertArrayEquals(composed, embedding(prepared.net(), row), word);
        }
        assertEquals(saved.index().rows() + UNSEEN.size(), prepared.index().rows());
        for (int row = 0; row < saved.index().rows(); row++) {
            assertArrayEquals(embedding(saved.net(), row), embedding(prepared.net(), row), "trained row " + row);
        }
        Predictor.Prepared known = predictor.prepare(List.of(List.of("walks", "qhq")));
        assertEquals(saved.index().rows(), known.index().rows(), "nothing added when every word is known");
    }

    @Test
    void theComposedVectorsDecideTheLabelWhereTheUnknownRowCannot() throws IOException {
        assertEquals(List.of("walk", "drum"), Predictor.load(withSubwords).classify(UNSEEN));
        List<String> unknown = Predictor.load(withoutSubwords).classify(UNSEEN);
        assertEquals(unknown.get(0), unknown.get(1), "both are the unknown word without the subword model");
    }

    @Test
    void evaluationComposesToo() throws IOException {
        Path misspelt = Files.write(dir.resolve("misspelt.tsv"), List.of("walk\twalker", "drum\tdrumer"));
        ClassificationReport composed = (ClassificationReport) Predictor.load(withSubwords)
                .evaluate(misspelt, TagScheme.IOB2);
        ClassificationReport unknown = (ClassificationReport) Predictor.load(withoutSubwords)
                .evaluate(misspelt, TagScheme.IOB2);
        assertEquals(1.0, composed.accuracy());
        assertNotEquals(1.0, unknown.accuracy());
    }

    /**
     * A tagger (words as written, no lower-casing) tags each word by its family, walk or drum, whatever its
     * neighbours': an unseen form by its composed vector.
     */
    @Test
    void aTaggerTagsUnseenFormsByTheirComposedVectors() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < 150; s++) {
            for (int w = 0; w < 4; w++) {
                int family = random.nextInt(2);
                boolean form = random.nextBoolean();
                String word = form ? WordFamilies.STEMS[family]
                        + WordFamilies.SUFFIXES[random.nextInt(WordFamilies.SUFFIXES.length)]
                        : WordFamilies.CONTEXTS[family][random.nextInt(WordFamilies.CONTEXTS[family].length)];
                lines.add(word + " B-" + WordFamilies.STEMS[family].toUpperCase(Locale.ROOT));
            }
            lines.add("");
        }
        Path train = Files.write(dir.resolve("tags.conll"), lines);
        FineTuneConfig config = new FineTuneConfig(ModelKind.BILSTM, EmbeddingMode.STATIC, 16, 1, false,
                TagScheme.IOB2, 8, 8, 16, new OptimizerConfig(Optimizer.ADAMW, 0.02, 0.02, 0, LrSchedule.CONSTANT,
                0, 0), 0, 0, 4, 8, 7).validate();
        Path tagger = dir.resolve("tagger");
        FineTuneJob.run(config, train, train, null, PretrainedVectors.of(model), tagger);
        ModelDirectory.saveSubwords(tagger, bin);

        List<List<String>> sentences = List.of(List.of("zhz", "walker", "qhq"), List.of("qhq", "drumer", "zhz"));
        assertEquals(List.of(List.of("B-DRUM", "B-WALK", "B-WALK"), List.of("B-WALK", "B-DRUM", "B-DRUM")),
                Predictor.load(tagger).tag(sentences));
    }

    private static float[] embedding(ComputationGraph net, int row) {
        INDArray table = net.getParam(Networks.EMBEDDING + "_W");
        return table.getRow(row).toFloatVector();
    }
}
