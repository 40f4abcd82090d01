package dev.embeddings.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HalvingTest {

    @Test
    void rungsGrowByEtaUpToTheFullEpochs() {
        assertEquals(List.of(1, 3, 9), Halving.rungs(1, 9, 3));
        assertEquals(List.of(1, 3, 5), Halving.rungs(1, 5, 3));
        assertEquals(List.of(2, 6, 18, 20), Halving.rungs(2, 20, 3));
        assertEquals(List.of(5), Halving.rungs(5, 5, 3));
        assertEquals(List.of(1, 2, 4, 5), Halving.rungs(1, 5, 2));
    }

    private static Trial trial(int id, Double objective) {
        return new Trial(id, 0, 1, Map.of(), objective, 1, objective == null ? Trial.Status.FAILED
                : Trial.Status.COMPLETED, objective == null ? "refused" : null, "t");
    }

    @Test
    void eachRungKeepsItsBestThirdAndNeverAFailedTrial() {
        List<Trial> rung = new ArrayList<>();
        double[] objectives = {0.1, 0.9, 0.3, 0.8, 0.2, 0.7, 0.4, 0.5, 0.6};
        for (int id = 0; id < objectives.length; id++) {
            rung.add(trial(id, objectives[id]));
        }
        assertEquals(List.of(1, 3, 5), Halving.promoted(rung, 3));
        // Ties go to the lower id; failed trials are never promoted, even when fewer completed than survive.
        assertEquals(List.of(0, 2), Halving.promoted(List.of(trial(2, 0.5), trial(0, 0.5), trial(1, null),
                trial(3, null), trial(4, null), trial(5, null)), 2));
        assertEquals(List.of(), Halving.promoted(List.of(trial(0, null)), 3));
        assertEquals(1, Halving.survivors(2, 3));
    }
}
