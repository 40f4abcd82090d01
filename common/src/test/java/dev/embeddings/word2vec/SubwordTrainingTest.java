package dev.embeddings.word2vec;

import static dev.embeddings.word2vec.WordFamilies.BUCKETS;
import static dev.embeddings.word2vec.WordFamilies.DIM;
import static dev.embeddings.word2vec.WordFamilies.STEMS;
import static dev.embeddings.word2vec.WordFamilies.config;
import static dev.embeddings.word2vec.WordFamilies.corpus;
import static dev.embeddings.word2vec.WordFamilies.familyOf;
import static dev.embeddings.word2vec.WordFamilies.isContext;
import static dev.embeddings.word2vec.WordFamilies.train;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.subword.CharNgrams;
import dev.embeddings.subword.FastTextDictionary;
import dev.embeddings.subword.SubwordRows;
import dev.embeddings.subword.SubwordVectors;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * fastText's subword training on a tiny corpus of word families ({@link WordFamilies}): an unseen form composed from
 * its n-grams alone should fall among its family.
 */
class SubwordTrainingTest {

    @Test
    void oneThreadWithTheSameSeedTrainsBitIdentically() throws IOException {
        WordFamilies.Corpus corpus = corpus(500);
        for (Word2VecConfig.Architecture architecture : Word2VecConfig.Architecture.values()) {
            for (Word2VecConfig.Loss loss : Word2VecConfig.Loss.values()) {
                Word2VecConfig.Builder builder = config(architecture, loss).epochs(1);
                Word2VecModel first = train(corpus, builder.seed(42).build());
                Word2VecModel second = train(corpus, builder.seed(42).build());
                Word2VecModel otherSeed = train(corpus, builder.seed(43).build());
                String combination = architecture + " " + loss;
                assertTrue(first.input().contentEquals(second.input()), combination);
                assertTrue(first.output().contentEquals(second.output()), combination);
                assertFalse(first.input().contentEquals(otherSeed.input()), combination);
            }
        }
    }

    @Test
    void anUnseenFormComposedFromItsNgramsFallsAmongItsFamily() throws IOException {
        WordFamilies.Corpus corpus = corpus(3_000);
        for (Word2VecConfig.Architecture architecture : Word2VecConfig.Architecture.values()) {
            Word2VecConfig config = config(architecture, Word2VecConfig.Loss.NS).build();
            Word2VecModel model = train(corpus, config);
            String[] words = corpus.vocabulary().words();
            SubwordVectors vectors = new SubwordVectors(new FastTextDictionary(words, corpus.vocabulary().counts(),
                    corpus.tokens()), config.charNgrams(), model.input());
            for (int family = 0; family < STEMS.length; family++) {
                String unseen = STEMS[family] + "er";
                assertEquals(-1, corpus.vocabulary().id(unseen));
                float[] composed = new float[DIM];
                vectors.vector(unseen, composed);
                double leastRelated = Double.MAX_VALUE;
                double mostUnrelated = -Double.MAX_VALUE;
                for (int w = 0; w < words.length; w++) {
                    float[] vector = new float[DIM];
                    vectors.vector(words[w], vector);
                    double cosine = cosine(composed, vector);
                    if (familyOf(words[w]) == family && !isContext(words[w])) {
                        leastRelated = Math.min(leastRelated, cosine);
                    } else if (familyOf(words[w]) != family) {
                        mostUnrelated = Math.max(mostUnrelated, cosine);
                    }
                }
                assertTrue(leastRelated > mostUnrelated, architecture + ": '" + unseen + "' is nearer every form of '"
                        + STEMS[family] + "' (least " + leastRelated + ") than any word of another family (most "
                        + mostUnrelated + ")");
            }
        }
    }

    @Test
    void aStepIsThePlainStepOfTheWordsMeanWithTheGradientAddedToEachOfItsRowsPerListing() {
        SubwordRows rows = SubwordRows.of(new String[] {"walking", "drum", "fix"},
                new CharNgrams(3, 6, 50));
        Word2VecModel subword = Word2VecModel.initialize(rows, DIM, Word2VecConfig.Loss.NS, 5);
        Word2VecModel plain = Word2VecModel.initialize(3, DIM, Word2VecConfig.Loss.NS, 6);
        SplittableRandom random = new SplittableRandom(7);
        for (int row = 0; row < 3; row++) {
            for (int k = 0; k < DIM; k++) {
                float value = (float) random.nextDouble(-0.5, 0.5);
                subword.output().set(row, k, value);
                plain.output().set(row, k, value);
            }
        }
        float[] mean = new float[DIM];
        rows.compose(subword.input(), 0, mean);
        plain.setInputRow(0, mean);
        Map<Integer, Integer> listings = new HashMap<>();
        for (int i = rows.start(0); i < rows.end(0); i++) {
            listings.merge(rows.rows()[i], 1, Integer::sum);
        }
        assertTrue(listings.containsValue(2), "50 buckets: some n-grams of 'walking' share a row");
        FloatMatrix before = subword.input().copy();
        subword.countUpdates();
        int[] negatives = {1, 2};
        float loss = new Word2VecKernel(subword, null).skipGram(0, 1, negatives, 2, 0.1f);
        assertEquals(new Word2VecKernel(plain, null).skipGram(0, 1, negatives, 2, 0.1f), loss);

        assertTrue(subword.output().contentEquals(plain.output()), "the output rows move as with the mean as input");
        for (int row = 0; row < rows.inputRows(); row++) {
            int listed = listings.getOrDefault(row, 0);
            for (int k = 0; k < DIM; k++) {
                float step = plain.input().get(0, k) - mean[k];
                assertEquals(listed * step, subword.input().get(row, k) - before.get(row, k), 1e-6f,
                        "row " + row + ", listed " + listed + " times");
            }
            assertEquals(listed, subword.updateCounts()[0][row], "row " + row + ": one update per listing");
        }
    }

    @Test
    void aTrainerRefusesAModelWhoseSubwordsDifferFromTheConfigs() {
        WordFamilies.Corpus corpus = corpus(10);
        Word2VecConfig config = config(Word2VecConfig.Architecture.SKIPGRAM, Word2VecConfig.Loss.NS).build();
        Word2VecModel plain = Word2VecModel.initialize(corpus.vocabulary().size(), DIM, Word2VecConfig.Loss.NS, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Word2VecTrainer(config, plain, corpus.vocabulary().counts()));
        assertEquals("model subwords (none) do not match config's (minn 3, maxn 6, buckets " + BUCKETS + ")",
                e.getMessage());
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }
}
