package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GloveWorkerTrainingTest {

    @Test
    void epochsAndWorkersShuffleWithUnrelatedStreams() {
        // Seeds made as seed + γ·(epoch + 1) + worker (γ SplittableRandom's increment) gave each epoch's shuffle the
        // draws of the one before, one later, and epoch 0's those of the model's initialisation.
        GloveConfig config = GloveConfig.defaults();
        Set<Long> draws = new HashSet<>();
        int streams = 0;
        streams += addDraws(draws, new SplittableRandom(config.seed()));
        for (int epoch = 0; epoch < 15; epoch++) {
            for (int worker = 0; worker < 4; worker++) {
                streams += addDraws(draws, new SplittableRandom(GloveReplicaWorker.seed(config, epoch, worker)));
            }
        }
        assertEquals(streams * 1_000, draws.size(), "no draw repeats across the " + streams + " streams");
    }

    private static int addDraws(Set<Long> draws, SplittableRandom random) {
        for (int i = 0; i < 1_000; i++) {
            draws.add(random.nextLong());
        }
        return 1;
    }
}
