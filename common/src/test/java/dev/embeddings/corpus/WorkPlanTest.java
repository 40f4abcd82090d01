package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkPlanTest {

    /**
     * Shards of uneven sizes, one smaller than threads × rounds, so some pieces are empty; without token indexes, as a
     * corpus written before them, so they are divided by sentences.
     */
    private static final List<CorpusManifest.Shard> SHARDS = List.of(
            shard("a", 1_000, 20_000), shard("b", 997, 19_000), shard("c", 5, 90), shard("d", 1_234, 30_000));

    private static CorpusManifest.Shard shard(String file, long sentences, long tokens) {
        return new CorpusManifest.Shard(file, 0, sentences, tokens, "", null);
    }

    private static WorkPlan plan(int workers, int threads, int rounds) {
        return new WorkPlan(SHARDS, CorpusManifest.Shard::file, workers, threads, rounds);
    }

    @Test
    void anEpochCoversEverySentenceOnceAndEachShardBelongsToOneWorker() {
        for (int[] wtk : new int[][] {{1, 1, 1}, {1, 2, 16}, {2, 3, 4}, {3, 2, 7}, {4, 1, 5}}) {
            int workers = wtk[0];
            int threads = wtk[1];
            int rounds = wtk[2];
            WorkPlan plan = plan(workers, threads, rounds);
            Map<String, long[]> seen = new HashMap<>();
            for (int w = 0; w < workers; w++) {
                for (int r = 0; r < rounds; r++) {
                    List<List<ShardSlice>> byThread = plan.slices(w, r);
                    assertEquals(threads, byThread.size());
                    for (List<ShardSlice> slices : byThread) {
                        for (ShardSlice s : slices) {
                            int index = "abcd".indexOf(s.path());
                            assertEquals(w, index % workers, s.path() + " belongs to worker " + index % workers);
                            long[] times = seen.computeIfAbsent(s.path(), p -> new long[(int) SHARDS.get(index)
                                    .sentences()]);
                            for (long i = s.from(); i < s.to(); i++) {
                                times[(int) i]++;
                            }
                        }
                    }
                }
            }
            for (CorpusManifest.Shard shard : SHARDS) {
                for (long times : seen.get(shard.file())) {
                    assertEquals(1, times, shard.file() + " with " + workers + "/" + threads + "/" + rounds);
                }
            }
        }
    }

    @Test
    void eachThreadReadsItsOwnContiguousPartFrontToBackOverTheRounds() {
        int threads = 3;
        int rounds = 4;
        WorkPlan plan = plan(1, threads, rounds);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Map<String, Long> next = new HashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (ShardSlice s : plan.slices(0, r).get(t)) {
                    long expectedFrom = next.computeIfAbsent(s.path(),
                            p -> SHARDS.get("abcd".indexOf(p)).sentences() * thread / threads);
                    assertEquals(expectedFrom, s.from(), "thread " + t + " round " + r + " " + s.path());
                    next.put(s.path(), s.to());
                }
            }
            for (String path : List.of("a", "b", "d")) {
                long sentences = SHARDS.get("abcd".indexOf(path)).sentences();
                assertEquals(sentences * (t + 1) / threads, next.get(path), "thread " + t + " ends its part of "
                        + path);
            }
        }
    }

    @Test
    void threadsStartEvenlySpacedThroughEachShard() {
        List<ShardSlice> firsts = new ArrayList<>();
        for (List<ShardSlice> slices : plan(1, 4, 8).slices(0, 0)) {
            firsts.add(slices.get(0));
        }
        for (int t = 0; t < 4; t++) {
            assertEquals("a", firsts.get(t).path());
            assertEquals(250L * t, firsts.get(t).from(), "thread " + t);
        }
    }

    @Test
    void sliceTokensAreTheShardsAverageSentenceLengthTimesItsSentences() {
        for (List<ShardSlice> slices : plan(1, 2, 3).slices(0, 1)) {
            for (ShardSlice s : slices) {
                CorpusManifest.Shard shard = SHARDS.get("abcd".indexOf(s.path()));
                double expected = (double) shard.tokens() * s.sentences() / shard.sentences();
                assertTrue(Math.abs(s.tokens() - expected) <= 0.5, s + " expected " + expected);
            }
        }
    }

    @Test
    void withATokenIndexThreadsAndRoundsGetEqualSharesOfTokensAndEverySentenceOnce() {
        // Four fifths of the sentences are short, as headlines before long reviews in a shard in input order.
        int[] lengths = new int[50_000];
        ShardTokenIndex.Builder index = new ShardTokenIndex.Builder();
        long tokens = 0;
        for (int s = 0; s < lengths.length; s++) {
            lengths[s] = s < 40_000 ? 2 + s % 3 : 150 + s % 50;
            index.add(lengths[s]);
            tokens += lengths[s];
        }
        CorpusManifest.Shard shard = new CorpusManifest.Shard("e", 0, lengths.length, tokens, "", index.build());
        int threads = 2;
        int rounds = 4;
        WorkPlan plan = new WorkPlan(List.of(shard), CorpusManifest.Shard::file, 1, threads, rounds);
        long share = tokens / (threads * rounds);
        long tolerance = shard.tokenIndex().step() + 200;
        int[] times = new int[lengths.length];
        for (int r = 0; r < rounds; r++) {
            for (List<ShardSlice> slices : plan.slices(0, r)) {
                ShardSlice slice = slices.get(0);
                long read = 0;
                for (long s = slice.from(); s < slice.to(); s++) {
                    read += lengths[(int) s];
                    times[(int) s]++;
                }
                assertTrue(Math.abs(read - share) <= tolerance, slice + " holds " + read + " tokens, not ~" + share);
                assertTrue(Math.abs(slice.tokens() - share) <= 1, slice + " estimates " + slice.tokens());
            }
        }
        for (int s = 0; s < lengths.length; s++) {
            assertEquals(1, times[s], "sentence " + s);
        }
    }

    @Test
    void rejectsATokenIndexPointingPastItsShard() {
        ShardTokenIndex pastTheEnd = new ShardTokenIndex(4, new long[] {0, 2, 3});
        CorpusManifest.Shard shard = new CorpusManifest.Shard("f", 0, 3, 12, "", pastTheEnd);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkPlan(List.of(shard), CorpusManifest.Shard::file, 1, 1, 1));
        assertTrue(e.getMessage().contains("f: its token index points at sentence 3, past its 3 sentences"),
                e.getMessage());
    }

    @Test
    void rejectsMoreWorkersThanShardsAndNonPositiveThreadsOrRounds() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> plan(5, 1, 1));
        assertTrue(tooMany.getMessage().contains("--shards 5"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plan(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> plan(1, 1, 0));
    }
}
