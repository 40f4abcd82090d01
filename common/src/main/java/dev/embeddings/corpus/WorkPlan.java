package dev.embeddings.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How training divides a corpus: shard i belongs to worker i mod N; each epoch has K rounds, and in round r a
 * worker trains on sentences [r·S/K, (r+1)·S/K) of each of its shards (S = the shard's sentence count); within a
 * worker, the round's slices are cut into T contiguous parts, one per thread.
 */
public final class WorkPlan {

    private final List<CorpusManifest.Shard> shards;
    private final Function<CorpusManifest.Shard, String> pathOf;
    private final int workers;
    private final int rounds;

    public WorkPlan(List<CorpusManifest.Shard> shards, Function<CorpusManifest.Shard, String> pathOf, int workers,
            int rounds) {
        if (shards.size() < workers) {
            throw new IllegalArgumentException("the corpus has " + shards.size() + " shard(s), fewer than the "
                    + workers + " workers; re-run `embeddings corpus` with --shards " + workers + " or more");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds per epoch must be at least 1, got " + rounds);
        }
        this.shards = List.copyOf(shards);
        this.pathOf = pathOf;
        this.workers = workers;
        this.rounds = rounds;
    }

    /** The slices worker {@code worker} trains on in round {@code round} of an epoch. */
    public List<ShardSlice> slices(int worker, int round) {
        List<ShardSlice> out = new ArrayList<>();
        for (int i = worker; i < shards.size(); i += workers) {
            CorpusManifest.Shard shard = shards.get(i);
            long from = shard.sentences() * round / rounds;
            long to = shard.sentences() * (round + 1) / rounds;
            if (to > from) {
                long tokens = Math.round((double) shard.tokens() * (to - from) / shard.sentences());
                out.add(new ShardSlice(pathOf.apply(shard), from, to, tokens));
            }
        }
        return out;
    }

    /** Tokens all workers train on in one round (estimated per slice). */
    public long tokensInRound(int round) {
        long total = 0;
        for (int w = 0; w < workers; w++) {
            for (ShardSlice s : slices(w, round)) {
                total += s.tokens();
            }
        }
        return total;
    }

    /** Cuts slices into {@code parts} contiguous runs of about equal sentence counts (some may be empty). */
    public static List<List<ShardSlice>> split(List<ShardSlice> slices, int parts) {
        long total = slices.stream().mapToLong(ShardSlice::sentences).sum();
        List<List<ShardSlice>> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            out.add(new ArrayList<>());
        }
        long offset = 0;
        for (ShardSlice s : slices) {
            long start = s.from();
            while (start < s.to()) {
                int part = (int) Math.min(parts - 1, (offset * parts) / Math.max(1, total));
                long partEnd = (part + 1) * total / parts;
                long take = Math.min(s.to() - start, Math.max(1, partEnd - offset));
                long tokens = Math.round((double) s.tokens() * take / s.sentences());
                out.get(part).add(new ShardSlice(s.path(), start, start + take, tokens));
                start += take;
                offset += take;
            }
        }
        return out;
    }
}
