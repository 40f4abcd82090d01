package dev.embeddings.finetune;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScorersTest {

    private static final double EPS = 1e-12;

    @Test
    void entityScoresCountOnlyChunksWithExactBoundariesAndType() {
        EntityScorer scorer = new EntityScorer();
        // Gold chunks: PER[0,2) LOC[3,4) ORG[5,7) MISC[8,9).
        // Predicted: PER[0,2) right; ORG[3,4) type error; ORG[5,6) boundary error; I-MISC after O starts MISC[8,9).
        scorer.add(List.of("B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O", "B-MISC"),
                List.of("B-PER", "I-PER", "O", "B-ORG", "O", "B-ORG", "O", "O", "I-MISC"));
        // Second sentence: gold PER[0,2); predicted PER[0,1) and LOC[1,2) (I- of another type starts a chunk).
        scorer.add(List.of("B-PER", "I-PER"), List.of("B-PER", "I-LOC"));
        EntityReport r = scorer.report();

        assertEquals(5, r.goldEntities());
        assertEquals(6, r.predictedEntities());
        assertEquals(2, r.correctEntities());
        assertEquals(2.0 / 6, r.precision(), EPS);
        assertEquals(2.0 / 5, r.recall(), EPS);
        assertEquals(2 * (2.0 / 6) * (2.0 / 5) / (2.0 / 6 + 2.0 / 5), r.f1(), EPS);
        assertEquals(7.0 / 11, r.tokenAccuracy(), EPS);

        assertEquals(new Prf(0.5, 0.5, 0.5, 2), r.perType().get("PER"));
        assertEquals(new Prf(0, 0, 0, 1), r.perType().get("LOC"));
        assertEquals(new Prf(0, 0, 0, 1), r.perType().get("ORG"));
        assertEquals(new Prf(1, 1, 1, 1), r.perType().get("MISC"));
    }

    @Test
    void entityScoresAreZeroNotNanWithoutChunks() {
        EntityScorer scorer = new EntityScorer();
        scorer.add(List.of("O", "O"), List.of("O", "O"));
        EntityReport r = scorer.report();
        assertEquals(0, r.precision());
        assertEquals(0, r.f1());
        assertEquals(1, r.tokenAccuracy());
    }
}
