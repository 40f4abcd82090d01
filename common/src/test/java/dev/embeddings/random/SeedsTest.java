package dev.embeddings.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedsTest {

    private static final int DRAWS = 1_000;

    @Test
    void mixKeepsNeighbouringInputsApart() {
        Set<Long> outputs = new HashSet<>();
        for (long z = -50_000; z < 50_000; z++) {
            outputs.add(Seeds.mix(z));
        }
        assertEquals(100_000, outputs.size(), "a bijection maps distinct inputs to distinct outputs");
    }

    @Test
    void derivedStreamsShareNoDrawsWithEachOtherOrTheSeedsOwn() {
        Set<Long> draws = new HashSet<>();
        int streams = 0;
        for (long seed = 1; seed <= 4; seed++) {
            streams += addDraws(draws, new SplittableRandom(seed));
            for (long a = 0; a < 4; a++) {
                streams += addDraws(draws, new SplittableRandom(Seeds.derive(seed, a)));
                for (long b = 0; b < 4; b++) {
                    streams += addDraws(draws, new SplittableRandom(Seeds.derive(seed, a, b)));
                }
            }
        }
        assertEquals(streams * DRAWS, draws.size(), "no draw repeats across the " + streams + " streams");
    }

    @Test
    void thePathIsOrdered() {
        assertNotEquals(Seeds.derive(7, 1, 2), Seeds.derive(7, 2, 1));
        assertNotEquals(Seeds.derive(7, 0), Seeds.derive(7, 0, 0));
    }

    private static int addDraws(Set<Long> draws, SplittableRandom random) {
        for (int i = 0; i < DRAWS; i++) {
            draws.add(random.nextLong());
        }
        return 1;
    }
}
