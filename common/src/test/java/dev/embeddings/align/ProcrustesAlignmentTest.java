package dev.embeddings.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.SegmentedMatrices;
import dev.embeddings.vectors.WordVectors;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcrustesAlignmentTest {

    private static final int WORDS = 300;

    private static String[] words(int n) {
        String[] words = new String[n];
        for (int i = 0; i < n; i++) {
            words[i] = "w" + i;
        }
        return words;
    }

    private static float[] gaussian(int n, Random random) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /** A random orthogonal d x d matrix (Gram-Schmidt on a Gaussian one), row-major. */
    private static double[] randomOrthogonal(int d, Random random) {
        double[] q = new double[d * d];
        for (int j = 0; j < d; j++) {
            double[] col = new double[d];
            for (int i = 0; i < d; i++) {
                col[i] = random.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += q[i * d + k] * col[i];
                }
                for (int i = 0; i < d; i++) {
                    col[i] -= dot * q[i * d + k];
                }
            }
            double norm = 0;
            for (double x : col) {
                norm += x * x;
            }
            for (int i = 0; i < d; i++) {
                q[i * d + j] = col[i] / Math.sqrt(norm);
            }
        }
        return q;
    }

    private static float[] times(float[] rows, int d, double[] m) {
        float[] out = new float[rows.length];
        for (int r = 0; r < rows.length / d; r++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int i = 0; i < d; i++) {
                    sum += rows[r * d + i] * m[i * d + j];
                }
                out[r * d + j] = (float) sum;
            }
        }
        return out;
    }

    /** x y for row-major d x d matrices; with {@code transposeY}, x y^T. */
    private static double[] product(double[] x, double[] y, int d, boolean transposeY) {
        double[] p = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    p[i * d + j] += x[i * d + k] * (transposeY ? y[j * d + k] : y[k * d + j]);
                }
            }
        }
        return p;
    }

    private static void assertIdentity(double[] m, int d, double tolerance, String what) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(i == j ? 1 : 0, m[i * d + j], tolerance, what + " at " + i + "," + j);
            }
        }
    }

    private static void assertOrthogonal(double[] w, int d, double tolerance) {
        assertIdentity(product(w, w, d, true), d, tolerance, "W W^T");
    }

    @Test
    void rotatedCopyIsRecoveredExactly() {
        int d = 24;
        Random random = new Random(3);
        float[] old = gaussian(WORDS * d, random);
        double[] q = randomOrthogonal(d, random);
        WordVectors previous = WordVectors.of(words(WORDS), old, d);
        WordVectors current = WordVectors.of(words(WORDS), times(old, d, q), d);

        ProcrustesAlignment alignment = ProcrustesAlignment.fit(current, previous);
        assertEquals(WORDS, alignment.sharedWords());
        assertOrthogonal(alignment.rotation(), d, 1e-9);
        assertIdentity(product(q, alignment.rotation(), d, false), d, 1e-5, "W undoes Q: Q W");
        for (WordDrift drift : alignment.drift()) {
            assertEquals(0, drift.drift(), 1e-5, drift.word());
        }
        assertEquals(0, alignment.medianDrift(), 1e-5);
        // Unaligned, a random rotation leaves a word's two vectors about orthogonal: drift near 1.
        assertTrue(alignment.meanUnalignedDrift() > 0.5, "unaligned drift " + alignment.meanUnalignedDrift());
        assertTrue(alignment.medianUnalignedDrift() > 0.5, "unaligned drift " + alignment.medianUnalignedDrift());
        WordVectors aligned = alignment.apply(current);
        float[] expected = previous.vector("w7");
        float[] actual = aligned.vector("w7");
        float[] rows = alignment.apply(times(old, d, q));
        for (int j = 0; j < d; j++) {
            assertEquals(expected[j], actual[j], 1e-4);
            assertEquals(actual[j], rows[7 * d + j], 0, "the row form maps row 7 as the WordVectors form");
        }
    }

    @Test
    void withNoiseTheReplacedWordsAreTheTopMovers() {
        int d = 16;
        Random random = new Random(5);
        float[] old = gaussian(WORDS * d, random);
        float[] moved = times(old, d, randomOrthogonal(d, random));
        for (int i = 0; i < moved.length; i++) {
            moved[i] += (float) (0.05 * random.nextGaussian());
        }
        Set<String> replaced = new HashSet<>();
        for (int word : new int[] {4, 50, 123, 200, 299}) {
            replaced.add("w" + word);
            System.arraycopy(gaussian(d, random), 0, moved, word * d, d);
        }
        ProcrustesAlignment alignment = ProcrustesAlignment.fit(WordVectors.of(words(WORDS), moved, d),
                WordVectors.of(words(WORDS), old, d));

        List<WordDrift> top = alignment.topMovers(5);
        assertEquals(replaced, top.stream().map(WordDrift::word).collect(Collectors.toSet()));
        assertTrue(top.get(0).drift() >= top.get(4).drift());
        double unchangedMax = alignment.drift().stream().filter(x -> !replaced.contains(x.word()))
                .mapToDouble(WordDrift::drift).max().orElseThrow();
        assertTrue(unchangedMax < 0.05, "noise alone moves words little: " + unchangedMax);
        assertTrue(top.get(4).drift() > 0.3, "a replaced word moves far: " + top.get(4));
        assertOrthogonal(alignment.rotation(), d, 1e-9);
    }

    @Test
    void alignsOverTheSharedVocabularyOnlyAndAppliesToEveryWord() {
        int d = 8;
        Random random = new Random(9);
        float[] old = gaussian(WORDS * d, random);
        double[] q = randomOrthogonal(d, random);
        // The new version drops the first 100 words and adds 20 unseen ones.
        String[] newWords = new String[WORDS - 100 + 20];
        float[] newVectors = new float[newWords.length * d];
        float[] rotated = times(old, d, q);
        for (int i = 0; i < WORDS - 100; i++) {
            newWords[i] = "w" + (i + 100);
            System.arraycopy(rotated, (i + 100) * d, newVectors, i * d, d);
        }
        for (int i = WORDS - 100; i < newWords.length; i++) {
            newWords[i] = "new" + i;
            System.arraycopy(gaussian(d, random), 0, newVectors, i * d, d);
        }
        WordVectors current = WordVectors.of(newWords, newVectors, d);
        ProcrustesAlignment alignment = ProcrustesAlignment.fit(current, WordVectors.of(words(WORDS), old, d));

        assertEquals(WORDS - 100, alignment.sharedWords());
        assertTrue(alignment.meanDrift() < 1e-5);
        WordVectors aligned = alignment.apply(current);
        assertEquals(newWords.length, aligned.size());
        // Similarities within the new version are unchanged by an orthogonal map.
        assertEquals(current.similarity("new200", "w150"), aligned.similarity("new200", "w150"), 1e-5);
    }

    @Test
    void rankDeficientCrossProductStillGivesAnOrthogonalMap() {
        int d = 6;
        Random random = new Random(11);
        float[] flat = gaussian(WORDS * d, random);
        for (int r = 0; r < WORDS; r++) {
            flat[r * d + 4] = 0; // every vector lies in a 4-dimensional subspace
            flat[r * d + 5] = 0;
        }
        WordVectors vectors = WordVectors.of(words(WORDS), flat, d);
        ProcrustesAlignment alignment = ProcrustesAlignment.fit(vectors, vectors);
        assertOrthogonal(alignment.rotation(), d, 1e-9);
        assertTrue(alignment.meanDrift() < 1e-6);
    }

    @Test
    void vectorsInManySegmentsAlignExactlyAsInOne() {
        int d = 8;
        Random random = new Random(13);
        float[] old = gaussian(WORDS * d, random);
        float[] moved = times(old, d, randomOrthogonal(d, random));
        for (int i = 0; i < moved.length; i++) {
            moved[i] += (float) (0.05 * random.nextGaussian());
        }
        FloatMatrix movedInPairs = SegmentedMatrices.resegmented(FloatMatrix.wrap(moved, d), 2);
        ProcrustesAlignment one = ProcrustesAlignment.fit(WordVectors.of(words(WORDS), moved, d),
                WordVectors.of(words(WORDS), old, d));
        ProcrustesAlignment many = ProcrustesAlignment.fit(WordVectors.of(words(WORDS), movedInPairs),
                WordVectors.of(words(WORDS), SegmentedMatrices.resegmented(FloatMatrix.wrap(old, d), 4)));

        assertArrayEquals(one.rotation(), many.rotation());
        assertEquals(one.drift(), many.drift());
        assertEquals(one.meanUnalignedDrift(), many.meanUnalignedDrift());
        FloatMatrix aligned = many.apply(movedInPairs);
        assertEquals(movedInPairs.segmentCount(), aligned.segmentCount());
        assertTrue(aligned.contentEquals(FloatMatrix.wrap(one.apply(moved), d)));
        WordVectors alignedOne = one.apply(WordVectors.of(words(WORDS), moved, d));
        WordVectors alignedMany = many.apply(WordVectors.of(words(WORDS), movedInPairs));
        for (int id = 0; id < WORDS; id++) {
            assertArrayEquals(alignedOne.vector("w" + id), alignedMany.vector("w" + id));
        }
    }

    @Test
    void mismatchedDimensionsOrNoSharedWordsAreRefused() {
        WordVectors a = WordVectors.of(new String[] {"x", "y"}, new float[] {1, 0, 0, 1}, 2);
        WordVectors b = WordVectors.of(new String[] {"x"}, new float[] {1, 0, 0}, 3);
        WordVectors c = WordVectors.of(new String[] {"z"}, new float[] {1, 0}, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProcrustesAlignment.fit(a, b)).getMessage()
                .contains("dimensional"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProcrustesAlignment.fit(a, c)).getMessage()
                .contains("share no word"));
    }
}
