package dev.embeddings.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckpointPolicyTest {

    private static final Duration LONG_AGO = Duration.ofDays(1);

    @Test
    void everyNthRoundAndTheLastWhateverTheTime() {
        CheckpointPolicy everyThird = CheckpointPolicy.of(true, "3");
        assertEquals(3, everyThird.everyRounds());
        assertNull(everyThird.everyTime());
        assertTrue(everyThird.due(3, 10, Duration.ZERO));
        assertTrue(everyThird.due(10, 10, Duration.ZERO));
        assertFalse(everyThird.due(4, 10, LONG_AGO));
    }

    @Test
    void aTimeIntervalWritesAfterTheFirstRoundEndingThatLongAfterThePreviousCheckpointAndAfterTheLast() {
        CheckpointPolicy twoMinutes = CheckpointPolicy.of(true, CheckpointPolicy.DEFAULT_INTERVAL);
        assertEquals(Duration.ofMinutes(2), twoMinutes.everyTime());
        assertFalse(twoMinutes.due(5, 10, Duration.ofSeconds(119)));
        assertTrue(twoMinutes.due(5, 10, Duration.ofMinutes(2)));
        assertTrue(twoMinutes.due(10, 10, Duration.ZERO), "the last round");
        assertEquals(Duration.ofSeconds(90), CheckpointPolicy.of(false, " 90s ").everyTime());
        assertEquals(Duration.ofHours(1), CheckpointPolicy.of(true, "1h").everyTime());
    }

    @Test
    void anIntervalThatIsNeitherRoundsNorATimeNamesTheParameterAndTheForms() {
        for (String bad : new String[] {"0", "-2", "0s", "2x", "m", "1.5m", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CheckpointPolicy.of(true, bad), bad);
            assertTrue(e.getMessage().startsWith("checkpointEvery must be"), bad + ": " + e.getMessage());
        }
    }
}
