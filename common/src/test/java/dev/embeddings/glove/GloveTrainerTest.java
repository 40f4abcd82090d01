package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GloveTrainerTest {

    private static final int VOCAB = 200;

    private static GloveConfig config(int threads, long seed, int epochs) {
        return new GloveConfig(16, 5, true, 10, 0.75, epochs, 0.05, 100, threads, seed,
                OutputVectors.WORD_PLUS_CONTEXT, 1);
    }

    /** Counts of a random corpus where word w tends to be followed by w + 1: structure worth learning. */
    private static CooccurrenceBlock entries() {
        Random random = new Random(21);
        List<CooccurrenceBlock> blocks = new ArrayList<>();
        CooccurrenceCounter counter = new CooccurrenceCounter(5, true, 1 << 16, blocks::add);
        for (int s = 0; s < 3000; s++) {
            int[] ids = new int[12];
            ids[0] = random.nextInt(VOCAB);
            for (int p = 1; p < ids.length; p++) {
                ids[p] = random.nextInt(3) == 0 ? random.nextInt(VOCAB) : (ids[p - 1] + 1) % VOCAB;
            }
            counter.addSentence(ids);
        }
        counter.flush();
        return CooccurrenceBlock.sum(blocks);
    }

    private static float[] train(GloveConfig config) {
        GloveModel model = GloveModel.initialize(VOCAB, config.dim(), config.seed());
        GloveTrainer trainer = new GloveTrainer(config, model, entries(), stats -> { });
        trainer.train();
        return trainer.vectors().toArray();
    }

    @Test
    void lossFallsOverEpochsAndEveryEpochSeesEveryEntry() {
        CooccurrenceBlock entries = entries();
        List<EpochStats> reported = new ArrayList<>();
        GloveConfig config = config(1, 3, 12);
        GloveTrainer trainer = new GloveTrainer(config, GloveModel.initialize(VOCAB, 16, 3), entries, reported::add);
        List<EpochStats> returned = trainer.train();
        assertEquals(returned, reported);
        assertEquals(12, reported.size());
        for (int e = 0; e < reported.size(); e++) {
            assertEquals(entries.size(), reported.get(e).entries());
            assertTrue(reported.get(e).entriesPerSecond() > 0);
            if (e > 0) {
                assertTrue(reported.get(e).meanLoss() < reported.get(e - 1).meanLoss(), "loss rose at epoch " + e
                        + ": " + reported);
            }
        }
        assertTrue(reported.get(11).meanLoss() < 0.5 * reported.get(0).meanLoss(), reported.toString());
    }

    @Test
    void hogwildThreadsAlsoReduceTheLoss() {
        GloveTrainer trainer = new GloveTrainer(config(3, 3, 6), GloveModel.initialize(VOCAB, 16, 3), entries(),
                stats -> { });
        List<EpochStats> stats = trainer.train();
        assertTrue(stats.get(5).meanLoss() < 0.6 * stats.get(0).meanLoss(), stats.toString());
    }

    @Test
    void oneThreadIsDeterministicForASeedAndDiffersForAnother() {
        float[] first = train(config(1, 7, 3));
        float[] again = train(config(1, 7, 3));
        float[] otherSeed = train(config(1, 8, 3));
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, otherSeed));
    }

    @Test
    void aModelInManySegmentsTrainsBitIdenticallyToOneInOne() {
        GloveConfig config = config(1, 5, 2);
        GloveModel whole = GloveModel.initialize(VOCAB, 16, 5);
        new GloveTrainer(config, whole, entries(), stats -> { }).train();
        GloveModel segmented = GloveModel.initialize(VOCAB, 16, 5, 4 * 16);
        assertTrue(segmented.w().segmentCount() > 1);
        new GloveTrainer(config, segmented, entries(), stats -> { }).train();
        for (int m = 0; m < whole.matrices().length; m++) {
            assertArrayEquals(whole.matrices()[m].toArray(), segmented.matrices()[m].toArray(), "matrix " + m);
        }
    }

    @Test
    void anEpochInPartsCoversEachEntryOnceAndEqualsTheWholeEpoch() {
        GloveConfig config = config(1, 5, 2);
        GloveModel whole = GloveModel.initialize(VOCAB, 16, 5);
        new GloveTrainer(config, whole, entries(), stats -> { }).train();

        GloveModel inParts = GloveModel.initialize(VOCAB, 16, 5);
        CooccurrenceBlock entries = entries();
        GloveTrainer trainer = new GloveTrainer(config, inParts, entries, stats -> { });
        for (int epoch = 0; epoch < 2; epoch++) {
            long seen = 0;
            for (int part = 0; part < 3; part++) {
                seen += trainer.trainEpochPart(epoch, part, 3).entries();
            }
            assertEquals(entries.size(), seen);
        }
        assertArrayEquals(whole.w().segmentArray(0), inParts.w().segmentArray(0));
        assertArrayEquals(whole.gradSqBTilde(), inParts.gradSqBTilde());
    }

    @Test
    void rejectsEntriesOutsideTheVocabularyOrWithoutPositiveCount() {
        GloveModel model = GloveModel.initialize(4, 16, 1);
        CooccurrenceBlock badId = new CooccurrenceBlock(new int[] {0, 4}, new int[] {1, 1}, new float[] {1, 1}, 2);
        CooccurrenceBlock badCount = new CooccurrenceBlock(new int[] {0}, new int[] {1}, new float[] {0}, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GloveTrainer(config(1, 1, 1), model, badId, stats -> { }));
        assertTrue(e.getMessage().contains("entry 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GloveTrainer(config(1, 1, 1), model, badCount,
                stats -> { }));
    }
}
