package dev.embeddings.word2vec;

import dev.embeddings.corpus.ShardSlice;
import dev.embeddings.corpus.ShardWriter;
import dev.embeddings.matrix.SegmentedMatrices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Word2VecTrainerTest {

    private static PlantedCorpus corpus;

    @BeforeAll
    static void generateCorpus(@TempDir Path dir) throws IOException {
        corpus = PlantedCorpus.generate(dir, 5, 3_000, 2);
    }

    @Test
    void threadsRoundsAndNeighbouringSeedsDrawUnrelatedStreams() {
        // Seeds made as seed·γ + thread (γ SplittableRandom's increment) gave seed 2 the draws of seed 1, one later.
        Set<Long> draws = new HashSet<>();
        int streams = 0;
        for (long seed = 1; seed <= 5; seed++) {
            for (int thread = 0; thread < 4; thread++) {
                for (double progressStart : new double[] {0, 0.05, 0.25}) {
                    SplittableRandom random = Word2VecTrainer.threadRandom(seed, thread, progressStart);
                    for (int i = 0; i < 1_000; i++) {
                        draws.add(random.nextLong());
                    }
                    streams++;
                }
            }
        }
        assertEquals(streams * 1_000, draws.size(), "no draw repeats across the " + streams + " streams");
    }

    @Test
    void oneThreadRunsWithTheSameSeedAreBitIdentical() throws IOException {
        for (Word2VecConfig.Architecture architecture : Word2VecConfig.Architecture.values()) {
            for (Word2VecConfig.Loss loss : Word2VecConfig.Loss.values()) {
                Word2VecModel first = train(config(architecture, loss, 1, 42));
                Word2VecModel second = train(config(architecture, loss, 1, 42));
                Word2VecModel otherSeed = train(config(architecture, loss, 1, 43));
                String combination = architecture + " " + loss;
                assertArrayEquals(first.input().segmentArray(0), second.input().segmentArray(0), combination);
                assertArrayEquals(first.output().segmentArray(0), second.output().segmentArray(0), combination);
                assertFalse(Arrays.equals(first.input().segmentArray(0), otherSeed.input().segmentArray(0)), combination);
            }
        }
    }

    @Test
    void aModelInManySegmentsTrainsBitIdenticallyToOneInOne() throws IOException {
        List<Word2VecConfig> configs = new ArrayList<>();
        for (Word2VecConfig.Architecture architecture : Word2VecConfig.Architecture.values()) {
            for (Word2VecConfig.Loss loss : Word2VecConfig.Loss.values()) {
                configs.add(config(architecture, loss, 1, 42));
            }
        }
        configs.add(Word2VecConfig.builder().dim(16).epochs(1).threads(1).seed(42)
                .backend(Word2VecConfig.Backend.ND4J).build());
        for (Word2VecConfig config : configs) {
            Word2VecModel whole = train(config);
            Word2VecModel initial = Word2VecModel.initialize(corpus.vocabulary().size(), config.dim(), config.loss(),
                    config.seed());
            // Segments of 8 rows: every row's neighbours in the hot loops lie in other arrays.
            Word2VecModel segmented = Word2VecModel.wrap(initial.vocabularySize(), config.dim(), config.loss(),
                    SegmentedMatrices.resegmented(initial.input(), 8), SegmentedMatrices.resegmented(initial.output(), 8));
            assertTrue(segmented.input().segmentCount() > 1);
            new Word2VecTrainer(config, segmented, corpus.vocabulary().counts())
                    .trainEpochs(epoch -> corpus.sources(1), corpus.tokens(), ProgressListener.NONE);
            String combination = config.model() + " " + config.loss() + " " + config.backend();
            assertArrayEquals(whole.input().toArray(), segmented.input().toArray(), combination);
            assertArrayEquals(whole.output().toArray(), segmented.output().toArray(), combination);
        }
    }

    @Test
    void eachProgressIntervalHasItsOwnRandomStreams() throws IOException {
        // With a constant learning rate, passes over [0, 0] and [0.5, 0.5] differ only in their random streams;
        // equal results would mean every epoch replays the same windows, negatives and subsampling.
        Word2VecConfig constantLr = Word2VecConfig.builder().dim(16).minLrRatio(1).seed(1).build();
        Word2VecTrainer first = newTrainer(constantLr);
        Word2VecTrainer second = newTrainer(constantLr);
        first.train(corpus.sources(1), 0, 0, corpus.tokens(), ProgressListener.NONE);
        second.train(corpus.sources(1), 0.5, 0.5, corpus.tokens(), ProgressListener.NONE);
        assertFalse(Arrays.equals(first.model().input().segmentArray(0), second.model().input().segmentArray(0)));
    }

    @Test
    void learningRateDecaysLinearlyWithGlobalProgressToItsFloor() {
        assertEquals(0.025, Word2VecTrainer.learningRate(0.025, 1e-4, 0), 1e-15);
        assertEquals(0.0125, Word2VecTrainer.learningRate(0.025, 1e-4, 0.5), 1e-15);
        assertEquals(0.025 * 1e-4, Word2VecTrainer.learningRate(0.025, 1e-4, 1), 1e-15);
        assertEquals(0.025 * 0.3, Word2VecTrainer.learningRate(0.025, 0.3, 0.9), 1e-15);
    }

    @Test
    void progressIsInterpolatedInTheCallsIntervalByWordsRead() throws IOException {
        Word2VecConfig config = config(Word2VecConfig.Architecture.CBOW, Word2VecConfig.Loss.NS, 1, 1);
        Word2VecTrainer trainer = newTrainer(config);
        Word2VecModel model = trainer.model();

        TrainingProgress exact = trainer.train(corpus.sources(1), 0.5, 0.75, corpus.tokens(), ProgressListener.NONE);
        assertEquals(corpus.tokens(), exact.wordsProcessed());
        assertEquals(0.75, exact.progress(), 1e-12);
        assertEquals(config.learningRate() * 0.25, exact.learningRate(), 1e-12);

        TrainingProgress half = trainer.train(corpus.sources(1), 0.5, 0.75, 2 * corpus.tokens(),
                ProgressListener.NONE);
        assertEquals(0.625, half.progress(), 1e-12);
    }

    @Test
    void aZeroLearningRateLeavesTheModelUnchanged() throws IOException {
        Word2VecConfig config = Word2VecConfig.builder().dim(16).minLrRatio(0).build();
        Word2VecTrainer trainer = newTrainer(config);
        Word2VecModel model = trainer.model();
        float[] input = model.input().segmentArray(0).clone();

        trainer.train(corpus.sources(1), 1, 1, corpus.tokens(), ProgressListener.NONE);
        assertArrayEquals(input, model.input().segmentArray(0), "progress 1 with no floor: lr 0");

        trainer.train(corpus.sources(1), 0.99, 0.99, corpus.tokens(), ProgressListener.NONE);
        assertFalse(Arrays.equals(input, model.input().segmentArray(0)), "progress 0.99: lr > 0");
    }

    @Test
    void lossFallsOverEpochsAndEveryWordIsCounted() throws IOException {
        Word2VecConfig config = Word2VecConfig.builder().dim(16).epochs(5).sample(0).threads(2).build();
        Word2VecTrainer trainer = newTrainer(config);
        List<TrainingProgress> reports = new ArrayList<>();
        Thread caller = Thread.currentThread();
        TrainingProgress last = trainer.trainEpochs(epoch -> corpus.sources(2), corpus.tokens(), p -> {
            assertSame(caller, Thread.currentThread(), "progress is reported on the caller's thread");
            reports.add(p);
        });
        assertSame(last, reports.get(reports.size() - 1));
        assertEquals(corpus.tokens(), last.wordsProcessed());
        assertEquals(1.0, last.progress(), 1e-12);
        double firstEpochLoss = reports.get(0).meanLoss();
        assertTrue(last.meanLoss() < firstEpochLoss - 0.05, firstEpochLoss + " -> " + last.meanLoss());
        assertTrue(last.wordsPerSecond() > 0);
    }

    @Test
    void trainsOverShardFilesAndNamesABrokenOne(@TempDir Path dir) throws IOException {
        List<Path> shards = new ArrayList<>();
        List<ShardSlice> wholeShards = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            Path shard = dir.resolve("shard-" + s + ".ids");
            long sentences = 0;
            try (OutputStream out = Files.newOutputStream(shard); ShardWriter writer = new ShardWriter(out, 100)) {
                for (int i = s; i < corpus.sentences().size(); i += 4, sentences++) {
                    writer.write(corpus.sentences().get(i), corpus.sentences().get(i).length);
                }
            }
            shards.add(shard);
            wholeShards.add(new ShardSlice(shard.toString(), 0, sentences, 0));
        }
        Word2VecConfig config = config(Word2VecConfig.Architecture.CBOW, Word2VecConfig.Loss.HS, 2, 1);
        Word2VecTrainer trainer = newTrainer(config);
        int v = corpus.vocabulary().size();
        ShardSliceSource.Opener files = path -> Files.newInputStream(Path.of(path));
        TrainingProgress done = trainer.train(List.of(new ShardSliceSource(wholeShards.subList(0, 2), v, files),
                new ShardSliceSource(wholeShards.subList(2, 4), v, files)), 0, 1, corpus.tokens(),
                ProgressListener.NONE);
        assertEquals(corpus.tokens(), done.wordsProcessed());

        byte[] bytes = Files.readAllBytes(shards.get(3));
        Files.write(shards.get(3), Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> trainer.train(List.of(
                new ShardSliceSource(wholeShards.subList(0, 2), v, files),
                new ShardSliceSource(wholeShards.subList(2, 4), v, files)),
                0, 1, corpus.tokens(), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("shard-3.ids") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void rejectsWordIdsOutsideTheVocabularyNamingTheSentence() {
        Word2VecConfig config = config(Word2VecConfig.Architecture.SKIPGRAM, Word2VecConfig.Loss.NS, 1, 1);
        int v = corpus.vocabulary().size();
        Word2VecTrainer trainer = newTrainer(config);
        SentenceSource bad = SentenceSource.of(List.of(new int[] {0, 1}, new int[] {2, v}), "part-7");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(List.of(bad), 0, 1, 4, ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith("part-7: word id " + v + " at position 1 of sentence 2"),
                e.getMessage());
    }

    @Test
    void closesEverySourceAlsoWhenOneFails() {
        Word2VecConfig config = config(Word2VecConfig.Architecture.CBOW, Word2VecConfig.Loss.NS, 2, 1);
        int v = corpus.vocabulary().size();
        Word2VecTrainer trainer = newTrainer(config);
        boolean[] closed = new boolean[2];
        List<SentenceSource> sources = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int index = i;
            SentenceSource sentences = SentenceSource.of(List.of(new int[] {0, 1, i == 0 ? 2 : -1}), "part-" + i);
            sources.add(new SentenceSource() {
                @Override
                public int next() throws IOException {
                    return sentences.next();
                }

                @Override
                public int[] ids() {
                    return sentences.ids();
                }

                @Override
                public String name() {
                    return sentences.name();
                }

                @Override
                public void close() {
                    closed[index] = true;
                }
            });
        }
        assertThrows(IllegalArgumentException.class, () -> trainer.train(sources, 0, 1, 6, ProgressListener.NONE));
        assertTrue(closed[0] && closed[1]);
    }

    @Test
    void needsOneSourcePerThread() {
        Word2VecConfig config = config(Word2VecConfig.Architecture.SKIPGRAM, Word2VecConfig.Loss.NS, 2, 1);
        Word2VecTrainer trainer = newTrainer(config);
        assertThrows(IllegalArgumentException.class,
                () -> trainer.train(corpus.sources(1), 0, 1, corpus.tokens(), ProgressListener.NONE));
    }

    private static Word2VecConfig config(Word2VecConfig.Architecture architecture, Word2VecConfig.Loss loss,
                                         int threads, long seed) {
        return Word2VecConfig.builder().model(architecture).loss(loss).dim(16).epochs(2).threads(threads)
                .seed(seed).build();
    }

    /** A trainer of a fresh model initialised from the config's seed. */
    private static Word2VecTrainer newTrainer(Word2VecConfig config) {
        Word2VecModel model = Word2VecModel.initialize(corpus.vocabulary().size(), config.dim(), config.loss(),
                config.seed());
        return new Word2VecTrainer(config, model, corpus.vocabulary().counts());
    }

    private static Word2VecModel train(Word2VecConfig config) throws IOException {
        Word2VecTrainer trainer = newTrainer(config);
        trainer.trainEpochs(epoch -> corpus.sources(config.threads()), corpus.tokens(), ProgressListener.NONE);
        return trainer.model();
    }
}
