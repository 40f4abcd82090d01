package dev.embeddings.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.eval.SimilarityPairs.Pair;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.SegmentedMatrices;
import dev.embeddings.vectors.WordVectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityEvaluatorTest {

    @Test
    void simLexHeaderSelectsTheNamedScoreColumn() throws IOException {
        SimilarityPairs set = read("word1\tword2\tPOS\tSimLex999\tconc(w1)\n" + "old\tnew\tA\t1.58\t2.72\n");
        assertEquals(List.of(new Pair("old", "new", 1.58, 2)), set.pairs());
    }

    @Test
    void unnamedHeaderTakesTheFirstNumericColumnAfterTheWords() throws IOException {
        SimilarityPairs set = read("w1 w2 kind rating other\nCat Dog n 7.5 1\n");
        assertEquals(List.of(new Pair("cat", "dog", 7.5, 2)), set.pairs());
    }

    @Test
    void commentsBlankLinesCommasAndSpacesAreHandled() throws IOException {
        SimilarityPairs set = read("# comment\n\nlove\tsex\t6.77\ntiger,cat,7.35\nbook paper 7.46\n");
        assertEquals(List.of(new Pair("love", "sex", 6.77, 3), new Pair("tiger", "cat", 7.35, 4),
                new Pair("book", "paper", 7.46, 5)), set.pairs());
    }

    @Test
    void malformedPairFailsNamingFileAndLine() {
        IOException e = assertThrows(IOException.class, () -> read("a\tb\t1\nc\td\tlots\n"));
        assertTrue(e.getMessage().startsWith("pairs.txt:2:") && e.getMessage().contains("'lots'"),
                e.getMessage());
    }

    @Test
    void correlatesCosinesWithScoresCountingMissingPairsCaseInsensitively() throws IOException {
        // Unit vectors at angles 0, 30, 60, 90 degrees: cosines with "a" fall as the angle grows.
        WordVectors v = WordVectors.of(new String[] {"a", "B", "c", "d"}, new float[] {
            1, 0,
            (float) Math.cos(Math.PI / 6), (float) Math.sin(Math.PI / 6),
            0.5f, (float) Math.sin(Math.PI / 3),
            0, 1}, 2);
        SimilarityPairs set = read("a\tb\t9\na\tc\t5\na\td\t5\na\tzebra\t3\nA\tA\t10\n");
        SimilarityResult r = SimilarityEvaluator.evaluate(v, set);
        assertEquals(4, r.pairs());
        assertEquals(1, r.missing());
        // Scores 9,5,5,10 rank 3,1.5,1.5,4; cosines .866,.5,0,1 rank 3,2,1,4.
        double[] scoreRanks = {3, 1.5, 1.5, 4};
        double[] cosineRanks = {3, 2, 1, 4};
        assertEquals(Correlation.pearson(scoreRanks, cosineRanks), r.spearman(), 1e-9);
        assertEquals(Correlation.pearson(new double[] {9, 5, 5, 10},
                new double[] {Math.cos(Math.PI / 6), 0.5, 0, 1}), r.pearson(), 1e-6);
    }

    @Test
    void fewerThanThreePairsHaveNoCorrelation() throws IOException {
        WordVectors v = WordVectors.of(new String[] {"a", "b"}, new float[] {1, 0, 0, 1}, 2);
        SimilarityResult r = SimilarityEvaluator.evaluate(v, read("a\tb\t1\na\tq\t2\n"));
        assertNull(r.spearman());
        assertNull(r.pearson());
        assertEquals(1, r.pairs());
        assertEquals(1, r.missing());
    }

    @Test
    void vectorsInManySegmentsCorrelateExactlyAsInOne() throws IOException {
        int n = 200;
        String[] words = new String[n];
        for (int i = 0; i < n; i++) {
            words[i] = "w" + i;
        }
        FloatMatrix single = SegmentedMatrices.gaussian(n, 8, 4);
        WordVectors one = WordVectors.of(words, single);
        WordVectors many = WordVectors.of(words, SegmentedMatrices.resegmented(single, 2));
        Random random = new Random(5);
        // Human scores: the cosine plus noise, so the correlations are well defined and far from 0.
        StringBuilder pairs = new StringBuilder();
        for (int p = 0; p < 150; p++) {
            String a = words[random.nextInt(n)];
            String b = words[random.nextInt(n)];
            pairs.append(String.format(Locale.ROOT, "%s\t%s\t%.4f\n", a, b,
                    one.similarity(a, b) + 0.2 * random.nextGaussian()));
        }
        SimilarityPairs set = read(pairs.toString());
        SimilarityResult expected = SimilarityEvaluator.evaluate(one, set);
        assertTrue(expected.spearman() > 0.5, expected.toString());
        assertEquals(expected, SimilarityEvaluator.evaluate(many, set));
    }

    private static SimilarityPairs read(String content) throws IOException {
        return SimilarityPairs.read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                "pairs.txt");
    }
}
