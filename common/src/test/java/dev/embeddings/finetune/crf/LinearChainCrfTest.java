package dev.embeddings.finetune.crf;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CRF's sums, gradients and decoding against brute force over every path of short sentences. */
class LinearChainCrfTest {

    private static final List<String> IOB2 = List.of("B-LOC", "B-PER", "I-LOC", "I-PER", "O");
    private static final List<String> FREE = List.of("A", "B", "C");

    /** A CRF with random scores over {@code tags} and random emissions for {@code length} tokens after an offset. */
    private record Problem(LinearChainCrf crf, double[] transitions, double[] start, double[] end,
                           double[] emissions, int offset, int length) {

        static Problem random(List<String> tags, int length, long seed) {
            Random random = new Random(seed);
            int k = tags.size();
            double[] transitions = gaussian(random, k * k);
            double[] start = gaussian(random, k);
            double[] end = gaussian(random, k);
            int offset = 2 * k;
            double[] emissions = gaussian(random, offset + length * k + k);
            return new Problem(new LinearChainCrf(transitions, start, end, TagConstraints.iob2(tags)), transitions,
                    start, end, emissions, offset, length);
        }

        double nll(int[] gold) {
            int k = crf.tags();
            return crf.negLogLikelihood(emissions, offset, length, gold, new double[emissions.length],
                    new double[k * k], new double[k], new double[k]);
        }
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * random.nextGaussian();
        }
        return v;
    }

    /** Every path of {@code length} tags out of {@code k}. */
    private static List<int[]> allPaths(int k, int length) {
        int count = (int) Math.pow(k, length);
        int[][] paths = new int[count][length];
        for (int p = 0; p < count; p++) {
            for (int t = 0, rest = p; t < length; t++, rest /= k) {
                paths[p][t] = rest % k;
            }
        }
        return List.of(paths);
    }

    private static boolean validIob2(List<String> tags, int[] path) {
        for (int t = 0; t < path.length; t++) {
            String tag = tags.get(path[t]);
            if (tag.startsWith("I-")) {
                String previous = t == 0 ? "O" : tags.get(path[t - 1]);
                if (previous.equals("O") || !previous.substring(2).equals(tag.substring(2))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void logPartitionSumsTheScoresOfAllAllowedPaths() {
        for (List<String> tags : List.of(IOB2, FREE)) {
            for (int length = 1; length <= 4; length++) {
                Problem p = Problem.random(tags, length, 31 + length);
                double sum = 0;
                int allowed = 0;
                for (int[] path : allPaths(tags.size(), length)) {
                    double score = p.crf().score(p.emissions(), p.offset(), length, path);
                    assertEquals(validIob2(tags, path), score > Double.NEGATIVE_INFINITY, "path validity");
                    sum += Math.exp(score);
                    allowed += score > Double.NEGATIVE_INFINITY ? 1 : 0;
                }
                assertTrue(allowed > 0);
                assertEquals(Math.log(sum), p.crf().logPartition(p.emissions(), p.offset(), length), 1e-9,
                        tags + " length " + length);
            }
        }
    }

    @Test
    void viterbiFindsTheBestPathAndItIsValidIob2() {
        for (List<String> tags : List.of(IOB2, FREE)) {
            for (long seed = 0; seed < 20; seed++) {
                int length = 1 + (int) (seed % 5);
                Problem p = Problem.random(tags, length, seed);
                double best = Double.NEGATIVE_INFINITY;
                for (int[] path : allPaths(tags.size(), length)) {
                    best = Math.max(best, p.crf().score(p.emissions(), p.offset(), length, path));
                }
                int[] decoded = p.crf().viterbi(p.emissions(), p.offset(), length);
                assertEquals(length, decoded.length);
                assertEquals(best, p.crf().score(p.emissions(), p.offset(), length, decoded), 1e-9);
                assertTrue(validIob2(tags, decoded), "decoded an invalid sequence");
            }
        }
    }

    /** Emissions that strongly favour O then I-PER still decode to a valid sequence. */
    @Test
    void viterbiNeverReturnsAnInvalidSequenceEvenWhenEmissionsAskForOne() {
        int k = IOB2.size();
        double[] emissions = new double[3 * k];
        emissions[IOB2.indexOf("O")] = 50;
        emissions[k + IOB2.indexOf("I-PER")] = 100;
        emissions[2 * k + IOB2.indexOf("I-LOC")] = 100;
        LinearChainCrf crf = new LinearChainCrf(new double[k * k], new double[k], new double[k],
                TagConstraints.iob2(IOB2));
        int[] decoded = crf.viterbi(emissions, 0, 3);
        assertTrue(validIob2(IOB2, decoded), java.util.Arrays.toString(decoded));
    }

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        for (List<String> tags : List.of(IOB2, FREE)) {
            Problem p = Problem.random(tags, 4, 7);
            int k = tags.size();
            int[] gold = tags == IOB2 ? new int[] {1, 3, 4, 0} : new int[] {2, 0, 0, 1};
            double[] emissionGradient = new double[p.emissions().length];
            double[] transitionGradient = new double[k * k];
            double[] startGradient = new double[k];
            double[] endGradient = new double[k];
            p.crf().negLogLikelihood(p.emissions(), p.offset(), p.length(), gold, emissionGradient,
                    transitionGradient, startGradient, endGradient);
            assertMatchesFiniteDifferences(p, gold, p.emissions(), emissionGradient);
            assertMatchesFiniteDifferences(p, gold, p.transitions(), transitionGradient);
            assertMatchesFiniteDifferences(p, gold, p.start(), startGradient);
            assertMatchesFiniteDifferences(p, gold, p.end(), endGradient);
            for (int i = 0; i < p.offset(); i++) {
                assertEquals(0, emissionGradient[i], "emissions before the offset are not the sentence's");
            }
        }
    }

    private static void assertMatchesFiniteDifferences(Problem p, int[] gold, double[] parameters, double[] gradient) {
        double h = 1e-5;
        for (int i = 0; i < parameters.length; i++) {
            double saved = parameters[i];
            parameters[i] = saved + h;
            double plus = p.nll(gold);
            parameters[i] = saved - h;
            double minus = p.nll(gold);
            parameters[i] = saved;
            assertEquals((plus - minus) / (2 * h), gradient[i], 1e-6, "parameter " + i);
        }
    }

    @Test
    void negLogLikelihoodIsLogPartitionMinusGoldScoreAndRejectsAnInvalidGoldPath() {
        Problem p = Problem.random(IOB2, 3, 5);
        int[] gold = {4, 1, 3};
        double expected = p.crf().logPartition(p.emissions(), p.offset(), 3)
                - p.crf().score(p.emissions(), p.offset(), 3, gold);
        assertEquals(expected, p.nll(gold), 1e-9);
        assertTrue(p.nll(gold) > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.nll(new int[] {4, 3, 3}));
        assertTrue(e.getMessage().contains("O I-PER I-PER"), e.getMessage());
    }

    @Test
    void iob2ConstraintsAllowOnlyContinuationsOfTheSameType() {
        TagConstraints c = TagConstraints.iob2(IOB2);
        int bLoc = 0;
        int bPer = 1;
        int iLoc = 2;
        int iPer = 3;
        int o = 4;
        assertArrayEquals(new boolean[] {true, true, false, false, true},
                new boolean[] {c.allowsStart(bLoc), c.allowsStart(bPer), c.allowsStart(iLoc), c.allowsStart(iPer),
                        c.allowsStart(o)});
        assertTrue(c.allows(bPer, iPer));
        assertTrue(c.allows(iPer, iPer));
        assertTrue(c.allows(iPer, o));
        assertTrue(c.allows(o, bLoc));
        assertFalse(c.allows(o, iPer));
        assertFalse(c.allows(bLoc, iPer));
        assertFalse(c.allows(iLoc, iPer));
    }
}
