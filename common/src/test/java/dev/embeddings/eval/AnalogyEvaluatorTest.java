package dev.embeddings.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.corpus.SyntheticCorpus;
import dev.embeddings.eval.AnalogyQuestions.Question;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.SegmentedMatrices;
import dev.embeddings.vectors.WordVectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnalogyEvaluatorTest {

    private static final AnalogyConfig ONE_THREAD = new AnalogyConfig(30_000, 1);

    /**
     * Five unit vectors where "a : b :: c : ?" has different answers under the two methods: x points exactly at c
     * but away from b (cos -0.3; cos with a -0.2), y is moderately close to both b and c (0.4 each; 0 with a).
     * 3CosAdd: x scores -0.3 + 0.2 + 1 = 0.9 and y 0.8, so x wins. 3CosMul on (cos + 1) / 2: x scores
     * 0.35 * 1 / 0.401 = 0.87 and y 0.7 * 0.7 / 0.501 = 0.98, so y wins: the product punishes x's poor fit to b.
     */
    private static WordVectors addAndMulDisagree() {
        double b2 = Math.sqrt(1 - 0.09);
        double y2 = (0.4 + 0.3 * 0.4) / b2;
        double a3 = Math.sqrt(1 - 0.04);
        double y3 = 0.2 * 0.4 / a3;
        double y4 = Math.sqrt(1 - 0.16 - y2 * y2 - y3 * y3);
        return WordVectors.of(new String[] {"a", "b", "c", "x", "y"}, new float[] {
            -0.2f, 0, (float) a3, 0,
            -0.3f, (float) b2, 0, 0,
            1, 0, 0, 0,
            2, 0, 0, 0,
            0.4f, (float) y2, (float) y3, (float) y4}, 4);
    }

    @Test
    void threeCosAddAndThreeCosMulPickDifferentAnswersWhereOneSimilarityDominates() throws IOException {
        WordVectors v = addAndMulDisagree();
        assertEquals(0.4, v.similarity("y", "b"), 1e-6);
        assertEquals(0.0, v.similarity("y", "a"), 1e-6);
        AnalogyResult r = AnalogyEvaluator.evaluate(v, questions(": additive\na b c x\n: gram-product\na b c y\n"),
                ONE_THREAD);
        assertEquals(1.0, r.sections().get("additive").accuracy());
        assertEquals(0.0, r.sections().get("additive").accuracyCosMul());
        assertEquals(0.0, r.sections().get("gram-product").accuracy());
        assertEquals(1.0, r.sections().get("gram-product").accuracyCosMul());
        assertEquals(0.5, r.accuracy());
        assertEquals(0.5, r.accuracyCosMul());
        assertEquals(1.0, r.semantic());
        assertEquals(0.0, r.syntactic());
    }

    @Test
    void questionWordsAreNeverTheAnswer() throws IOException {
        // b - a + c = c exactly when a = b; the best non-question word must be chosen instead.
        WordVectors v = WordVectors.of(new String[] {"p", "q", "r"}, new float[] {1, 0, 0, 1, 1, 0.1f}, 2);
        AnalogyResult r = AnalogyEvaluator.evaluate(v, questions(": s\np p q r\n"), ONE_THREAD);
        assertEquals(1.0, r.accuracy());
        assertEquals(1.0, r.accuracyCosMul());
    }

    @Test
    void coverageCountsQuestionsWithWordsOutsideTheRestrictedVocabularyAsUnseen() throws IOException {
        WordVectors v = addAndMulDisagree();
        String file = ": one\nA B C X\na b c unknown\n: two\na b c y\nb c a y\n";
        AnalogyResult restricted = AnalogyEvaluator.evaluate(v, questions(file), new AnalogyConfig(4, 1));
        // y is the fifth word: with restrict 4 only the first question (upper-cased) has all words, and y is no
        // candidate either, so 3CosMul answers x as well.
        assertEquals(4, restricted.total());
        assertEquals(1, restricted.seen());
        assertEquals(0.25, restricted.coverage());
        assertEquals(new AnalogyResult.Section(1.0, 1.0, 1, 2), restricted.sections().get("one"));
        assertEquals(new AnalogyResult.Section(0.0, 0.0, 0, 2), restricted.sections().get("two"));
        AnalogyResult full = AnalogyEvaluator.evaluate(v, questions(file), ONE_THREAD);
        assertEquals(3, full.seen());
        assertEquals(0.75, full.coverage());
    }

    @Test
    void lowerCasedQuestionsMatchTheMostFrequentSpellingOnly() throws IOException {
        // "Paris" (id 2) is the answer under lower-casing; "paris" (id 4), though identical in direction, is not.
        WordVectors v = WordVectors.of(new String[] {"france", "germany", "Paris", "berlin", "paris"},
                new float[] {1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1}, 3);
        AnalogyResult r = AnalogyEvaluator.evaluate(v, questions(": capital\nGermany Berlin France PARIS\n"),
                ONE_THREAD);
        assertEquals(1, r.seen());
        assertEquals(1.0, r.accuracy());
    }

    @Test
    void blockedMultiThreadedResultsEqualAStraightforwardEvaluation() throws IOException {
        Random random = new Random(3);
        int n = 3000;
        int dim = 24;
        int restrict = 2500;
        String[] words = new String[n];
        float[] values = new float[n * dim];
        for (int i = 0; i < n; i++) {
            words[i] = "w" + i;
            for (int j = 0; j < dim; j++) {
                values[i * dim + j] = (float) random.nextGaussian();
            }
        }
        WordVectors v = WordVectors.of(words, values, dim);
        float[] unit = unitRows(v, restrict);
        // Questions whose expected word is the brute-force 3CosAdd answer, the 3CosMul answer, or a random word
        // (sometimes beyond the restricted vocabulary), so both methods score well away from 0 and 100%.
        StringBuilder file = new StringBuilder();
        for (int s = 0; s < 3; s++) {
            file.append(s == 2 ? ": gram-last\n" : ": section" + s + "\n");
            for (int q = 0; q < 200; q++) {
                int a = random.nextInt(restrict);
                int b = random.nextInt(restrict);
                int c = random.nextInt(restrict);
                int[] answers = referenceAnswers(unit, dim, restrict, a, b, c);
                int d = q % 3 < 2 ? answers[q % 3] : random.nextInt(n);
                file.append("w" + a + " w" + b + " w" + c + " w" + d + "\n");
            }
        }
        AnalogyQuestions set = questions(file.toString());
        AnalogyResult r = AnalogyEvaluator.evaluate(v, set, new AnalogyConfig(restrict, 3));
        int[] correctAddMulSeen = {0, 0, 0};
        for (Question q : set.questions()) {
            int d = v.id(q.d());
            if (d < restrict) {
                int[] answers = referenceAnswers(unit, dim, restrict, v.id(q.a()), v.id(q.b()), v.id(q.c()));
                correctAddMulSeen[0] += answers[0] == d ? 1 : 0;
                correctAddMulSeen[1] += answers[1] == d ? 1 : 0;
                correctAddMulSeen[2]++;
            }
        }
        assertEquals(correctAddMulSeen[2], r.seen());
        assertEquals(correctAddMulSeen[0], Math.round(r.accuracy() * r.seen()));
        assertEquals(correctAddMulSeen[1], Math.round(r.accuracyCosMul() * r.seen()));
        assertTrue(r.accuracy() > 0.3 && r.accuracy() < 0.9 && r.accuracyCosMul() > 0.3, r.toString());
    }

    @Test
    void vectorsInManySegmentsScoreExactlyAsInOne() throws IOException {
        int n = 600;
        int dim = 16;
        int restrict = 500;
        String[] words = new String[n];
        for (int i = 0; i < n; i++) {
            words[i] = "w" + i;
        }
        FloatMatrix single = SegmentedMatrices.gaussian(n, dim, 5);
        WordVectors one = WordVectors.of(words, single);
        WordVectors many = WordVectors.of(words, SegmentedMatrices.resegmented(single, 4));
        float[] unit = unitRows(one, restrict);
        Random random = new Random(6);
        // Half the expected words are the 3CosAdd answers, half the 3CosMul ones: both accuracies are far from 0.
        StringBuilder file = new StringBuilder(": section\n");
        for (int q = 0; q < 100; q++) {
            int a = random.nextInt(restrict);
            int b = random.nextInt(restrict);
            int c = random.nextInt(restrict);
            file.append("w" + a + " w" + b + " w" + c + " w" + referenceAnswers(unit, dim, restrict, a, b, c)[q % 2]
                    + "\n");
        }
        AnalogyQuestions set = questions(file.toString());
        AnalogyConfig config = new AnalogyConfig(restrict, 3);
        AnalogyResult expected = AnalogyEvaluator.evaluate(one, set, config);
        assertTrue(expected.accuracy() > 0.3 && expected.accuracyCosMul() > 0.3, expected.toString());
        assertEquals(expected, AnalogyEvaluator.evaluate(many, set, config));
    }

    @Test
    void readsTheSyntheticCorpusAnalogyFileWithItsSectionsAndSyntacticGenderSection() throws IOException {
        StringWriter w = new StringWriter();
        SyntheticCorpus.standard(1).writeAnalogies(w);
        AnalogyQuestions set = questions(w.toString());
        assertEquals(List.of("capital-country", "country-language", "gram-gender"), set.sections());
        assertEquals(30 * 29 + 30 * 29 + 12 * 11, set.questions().size());
        assertTrue(AnalogyQuestions.isSyntactic("gram-gender"));
    }

    @Test
    void malformedQuestionFailsNamingFileAndLine() {
        IOException e = assertThrows(IOException.class, () -> questions(": s\na b c\n"));
        assertTrue(e.getMessage().startsWith("questions.txt:2:"), e.getMessage());
        assertThrows(IOException.class, () -> questions("a b c d\n"));
    }

    @Test
    void configRejectsOutOfRangeParametersByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AnalogyConfig(0, 1).validate());
        assertTrue(e.getMessage().contains("restrict"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AnalogyConfig(10, 0).validate())
                .getMessage().contains("threads"));
    }

    private static float[] unitRows(WordVectors v, int rows) {
        float[] unit = new float[rows * v.dimension()];
        for (int i = 0; i < rows; i++) {
            v.unitVector(i, unit, i * v.dimension());
        }
        return unit;
    }

    /** The 3CosAdd and 3CosMul answers by brute force, one candidate at a time; ties to the lower id. */
    private static int[] referenceAnswers(float[] unit, int dim, int restrict, int a, int b, int c) {
        int[] best = {-1, -1};
        float addScore = Float.NEGATIVE_INFINITY;
        float mulScore = Float.NEGATIVE_INFINITY;
        for (int x = 0; x < restrict; x++) {
            if (x == a || x == b || x == c) {
                continue;
            }
            float ca = dot(unit, a, x, dim);
            float cb = dot(unit, b, x, dim);
            float cc = dot(unit, c, x, dim);
            float add = cb - ca + cc;
            float mul = (cb + 1) * 0.5f * ((cc + 1) * 0.5f) * (1f / ((ca + 1) * 0.5f + 0.001f));
            if (add > addScore) {
                addScore = add;
                best[0] = x;
            }
            if (mul > mulScore) {
                mulScore = mul;
                best[1] = x;
            }
        }
        return best;
    }

    private static float dot(float[] unit, int i, int j, int dim) {
        float s = 0;
        for (int k = 0; k < dim; k++) {
            s += unit[i * dim + k] * unit[j * dim + k];
        }
        return s;
    }

    private static AnalogyQuestions questions(String content) throws IOException {
        return AnalogyQuestions.read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                "questions.txt");
    }
}
