package dev.embeddings.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.subword.SubwordVectors;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.word2vec.WordFamilies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link OovWords#COMPOSE} on a subword model trained on {@link WordFamilies}: questions and pairs with unseen words
 * are scored apart with composed vectors and counted, the in-vocabulary scores stay those of skipping, and the
 * composed scores are what the query API answers for the same words.
 */
class ComposedEvaluationTest {

    /**
     * One question in the vocabulary; three with unseen a, b or c (walker, walkers, drummer: three distinct words);
     * one whose answer is unseen, which no candidate can be; one with a word that the restriction to the 30 most
     * frequent words leaves out but that is known, so not composed.
     */
    private static final String QUESTIONS = ": forms\n"
            + "walk walks drum drums\n"
            + "walker walks drum drums\n"
            + "walk walks drummer drums\n"
            + "walker walkers drum drums\n"
            + "walk walks drum drummer\n"
            + "walk walks bloom rare\n";
    /** Three pairs in the vocabulary, two with an unseen word (walker twice: one word). */
    private static final String PAIRS = "walk walking 9\nwalk qhq 3\ndrum walks 1\nwalker walking 8\nwalker zhz 2\n";

    private static WordVectors vectors;

    @BeforeAll
    static void train() {
        SubwordVectors model = WordFamilies.fastText(3_000).vectors();
        WordVectors trained = WordVectors.of(model);
        // 'rare' joins the vocabulary last: known, but beyond the 30 most frequent words the questions may use.
        String[] words = Arrays.copyOf(trained.words(), trained.size() + 1);
        words[trained.size()] = "rare";
        float[] values = new float[words.length * trained.dimension()];
        for (int w = 0; w < trained.size(); w++) {
            System.arraycopy(trained.vector(words[w]), 0, values, w * trained.dimension(), trained.dimension());
        }
        vectors = WordVectors.of(words, values, trained.dimension())
                .withSubwords(model);
    }

    @Test
    void composedQuestionsAreCountedAndScoredApartFromTheInVocabularyOnes() throws IOException {
        AnalogyQuestions set = AnalogyQuestions.read(stream(QUESTIONS), "forms.txt");
        AnalogyConfig config = new AnalogyConfig(30, 2);
        AnalogyResult skipped = AnalogyEvaluator.evaluate(vectors, set, config);
        AnalogyResult composed = AnalogyEvaluator.evaluate(vectors, set, config, OovWords.COMPOSE);

        assertNull(skipped.composed());
        assertEquals(1, skipped.seen());
        assertEquals(6, skipped.total());
        assertEquals(skipped, new AnalogyResult(composed.accuracy(), composed.accuracyCosMul(), composed.semantic(),
                composed.syntactic(), composed.seen(), composed.total(), composed.coverage(), composed.sections(),
                null), "the in-vocabulary figures are those of skipping");

        AnalogyResult.Composed c = composed.composed();
        assertEquals(4, c.seen());
        assertEquals(4 / 6.0, c.coverage());
        assertEquals(3, c.questions());
        assertEquals(3, c.words());
        int right = 0;
        for (String question : QUESTIONS.lines().skip(1).limit(4).toList()) {
            String[] w = question.split(" ");
            right += vectors.analogy(w[0], w[1], w[2], 1).get(0).word().equals(w[3]) ? 1 : 0;
        }
        assertEquals(right / 4.0, c.accuracy(), "3CosAdd as the query API answers");
    }

    @Test
    void composedPairsAreCountedAndCorrelatedApartFromTheInVocabularyOnes() throws IOException {
        SimilarityPairs set = SimilarityPairs.read(stream(PAIRS), "pairs.tsv");
        SimilarityResult skipped = SimilarityEvaluator.evaluate(vectors, set);
        SimilarityResult composed = SimilarityEvaluator.evaluate(vectors, set, OovWords.COMPOSE);

        assertEquals(new SimilarityResult(skipped.spearman(), skipped.pearson(), 3, 2, null), skipped);
        assertEquals(skipped.spearman(), composed.spearman());
        assertEquals(3, composed.pairs());
        SimilarityResult.Composed c = composed.composed();
        assertEquals(5, c.pairs());
        assertEquals(0, c.missing());
        assertEquals(1, c.words());
        double[] human = new double[5];
        double[] cosine = new double[5];
        List<SimilarityPairs.Pair> pairs = set.pairs();
        for (int i = 0; i < 5; i++) {
            human[i] = pairs.get(i).score();
            cosine[i] = vectors.similarity(pairs.get(i).word1(), pairs.get(i).word2());
        }
        assertEquals(Correlation.spearman(human, cosine), c.spearman(), 1e-12);
        assertEquals(Correlation.pearson(human, cosine), c.pearson(), 1e-12);
    }

    @Test
    void theReportCarriesTheComposedScoresAndReadsBackAsDoOldReports() throws Exception {
        EvaluationReport report = Evaluation.run(vectors, List.of(AnalogyQuestions.read(stream(QUESTIONS),
                "forms.txt")), List.of(SimilarityPairs.read(stream(PAIRS), "pairs.tsv")), new AnalogyConfig(30, 1),
                OovWords.COMPOSE);
        String json = report.toJson();
        assertTrue(json.contains("\"composed\" : {"), json);
        assertEquals(report, EvaluationReport.fromJson(json));
        assertTrue(report.toTable().contains("with composed OOV words: 3CosAdd"), report.toTable());

        String old = "{\"vocabulary\": 5, \"dimension\": 3, \"analogy\": {\"q.txt\": {\"accuracy\": 1.0, "
                + "\"accuracy_3cosmul\": 1.0, \"semantic\": 1.0, \"syntactic\": 0.0, \"seen\": 1, \"total\": 2, "
                + "\"coverage\": 0.5, \"sections\": {}}}, \"similarity\": {\"p.tsv\": {\"spearman\": null, "
                + "\"pearson\": null, \"pairs\": 1, \"missing\": 1}}}";
        EvaluationReport read = EvaluationReport.fromJson(old);
        assertNull(read.analogy().get("q.txt").composed());
        assertNull(read.similarity().get("p.tsv").composed());
        assertFalse(read.toJson().contains("composed"));
    }

    @Test
    void composingWithoutASubwordModelIsRefused() throws IOException {
        WordVectors plain = WordVectors.of(new String[] {"walk", "drum"}, new float[] {1, 0, 0, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluation.run(plain,
                List.of(), List.of(SimilarityPairs.read(stream(PAIRS), "pairs.tsv")), new AnalogyConfig(30, 1),
                OovWords.COMPOSE));
        assertEquals("composing out-of-vocabulary words needs vectors with a subword model (a fastText .bin, or "
                + "model.bin beside the vectors)", e.getMessage());
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
