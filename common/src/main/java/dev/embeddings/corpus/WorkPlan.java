package dev.embeddings.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How training divides a corpus: shard i belongs to worker i mod N; each of a worker's T threads owns a contiguous
 * 1/T of each of the worker's shards, and each epoch has K rounds, in round r of which the thread trains on the r-th
 * of K equal parts of what it owns. So a thread reads its part of a shard front to back over an epoch, and threads
 * start far apart in the corpus, as word2vec.c's and fastText's threads start at evenly spaced file offsets: on a
 * corpus in input order, the threads train on different documents at the same time rather than on neighbouring
 * ones. Pieces hold equal shares of a shard's tokens: piece p = tK + r of P = TK starts at the sentence holding
 * token N·p/P of the shard's N ({@link ShardTokenIndex}), so threads and rounds do equal work however sentence lengths
 * vary along the shard (a shard without an index, from a corpus written before it, is divided by sentences).
 */
public final class WorkPlan {

    private final List<CorpusManifest.Shard> shards;
    private final Function<CorpusManifest.Shard, String> pathOf;
    private final int workers;
    private final int threads;
    private final int rounds;

    public WorkPlan(List<CorpusManifest.Shard> shards, Function<CorpusManifest.Shard, String> pathOf, int workers,
            int threads, int rounds) {
        if (shards.size() < workers) {
            throw new IllegalArgumentException("the corpus has " + shards.size() + " shard(s), fewer than the "
                    + workers + " workers; re-run `embeddings corpus` with --shards " + workers + " or more");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads per worker must be at least 1, got " + threads);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds per epoch must be at least 1, got " + rounds);
        }
        for (CorpusManifest.Shard shard : shards) {
            ShardTokenIndex index = shard.tokenIndex();
            if (index != null && index.sentenceAt(Long.MAX_VALUE) > Math.max(0, shard.sentences() - 1)) {
                throw new IllegalArgumentException(shard.file() + ": its token index points at sentence "
                        + index.sentenceAt(Long.MAX_VALUE) + ", past its " + shard.sentences() + " sentences");
            }
        }
        this.shards = List.copyOf(shards);
        this.pathOf = pathOf;
        this.workers = workers;
        this.threads = threads;
        this.rounds = rounds;
    }

    /** The slices of worker {@code worker} in round {@code round} of an epoch: one list per thread. */
    public List<List<ShardSlice>> slices(int worker, int round) {
        long pieces = (long) threads * rounds;
        List<List<ShardSlice>> byThread = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long piece = (long) t * rounds + round;
            List<ShardSlice> slices = new ArrayList<>();
            for (int i = worker; i < shards.size(); i += workers) {
                CorpusManifest.Shard shard = shards.get(i);
                long from = start(shard, piece, pieces);
                long to = start(shard, piece + 1, pieces);
                if (to > from) {
                    long tokens = shard.tokenIndex() == null
                            ? Math.round((double) shard.tokens() * (to - from) / shard.sentences())
                            : shard.tokens() * (piece + 1) / pieces - shard.tokens() * piece / pieces;
                    slices.add(new ShardSlice(pathOf.apply(shard), from, to, tokens));
                }
            }
            byThread.add(slices);
        }
        return byThread;
    }

    /** The first sentence of piece {@code piece} of {@code pieces} of a shard; its sentence count for the end. */
    private static long start(CorpusManifest.Shard shard, long piece, long pieces) {
        if (piece == pieces) {
            return shard.sentences();
        }
        ShardTokenIndex index = shard.tokenIndex();
        return index == null ? shard.sentences() * piece / pieces : index.sentenceAt(shard.tokens() * piece / pieces);
    }
}
