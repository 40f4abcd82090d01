package dev.embeddings.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search's driver on a known objective: a quality per configuration (the closer lr is to 0.03 and the larger
 * dim, the better), approached as epochs grow. No Spark: {@code TuneCommandTest} runs the same driver on word2vec.
 */
class SearchTest {

    private static final SearchSpace SPACE = SearchSpace.parse(
            "{\"lr\": {\"loguniform\": [0.001, 1]}, \"dim\": {\"choice\": [10, 20, 40]}}", "space");

    @TempDir
    Path dir;

    private static double quality(Map<String, Object> p) {
        return -Math.abs(Math.log((Double) p.get("lr") / 0.03)) + ((Integer) p.get("dim")) / 100.0;
    }

    private static double objective(Map<String, Object> p, int epochs) {
        return quality(p) - 1.0 / epochs;
    }

    private static TuneConfig random(int trials, int parallel) {
        return new TuneConfig(TuneConfig.Strategy.RANDOM, trials, parallel, 1, 9, 3, 3, Objective.ANALOGY, 5);
    }

    @Test
    void halvingTrainsFewerEpochsAndKeepsTheBestConfiguration() throws Exception {
        Search search = new Search(SPACE, random(27, 3), new TrialLog(dir));
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Search.Outcome outcome = search.run((id, rung, epochs, p) -> {
            calls.add(id + "@" + rung);
            return objective(p, epochs);
        }, t -> { });
        // 27 at 1 epoch, 9 at 3, 3 at 9.
        assertEquals(27 + 9 + 3, outcome.trials().size());
        assertEquals(27 * 1 + 9 * 3 + 3 * 9, outcome.trialEpochs());
        assertEquals(39, Set.copyOf(calls).size());
        List<Map<String, Object>> configurations = Search.configurations(SPACE, random(27, 3));
        int bestOfAll = 0;
        for (int id = 1; id < configurations.size(); id++) {
            if (quality(configurations.get(id)) > quality(configurations.get(bestOfAll))) {
                bestOfAll = id;
            }
        }
        Trial best = outcome.best().orElseThrow();
        assertEquals(bestOfAll, best.id());
        assertEquals(2, best.rung());
        assertEquals(9, best.epochs());
        assertEquals(outcome.trials(), new TrialLog(dir).read().stream().sorted(
                java.util.Comparator.comparing(outcome.trials()::indexOf)).toList());
    }

    @Test
    void aResumedSearchRunsOnlyTheTrialsNotFinished() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Search.TrialRunner crashesAfterFive = (id, rung, epochs, p) -> {
            if (runs.incrementAndGet() > 5) {
                throw new IOException("executor lost");
            }
            return objective(p, epochs);
        };
        Search search = new Search(SPACE, random(9, 1), new TrialLog(dir));
        IOException crash = assertThrows(IOException.class, () -> search.run(crashesAfterFive, t -> { }));
        assertEquals("executor lost", crash.getMessage());
        List<Trial> before = new TrialLog(dir).read();
        assertEquals(5, before.size());

        List<String> rerun = Collections.synchronizedList(new ArrayList<>());
        Search.Outcome outcome = new Search(SPACE, random(9, 2), new TrialLog(dir)).run((id, rung, epochs, p) -> {
            rerun.add(id + "@" + rung);
            return objective(p, epochs);
        }, t -> { });
        assertEquals(5, outcome.resumed());
        Set<String> finishedBefore = before.stream().map(Trial::key).collect(Collectors.toSet());
        assertTrue(Collections.disjoint(finishedBefore, rerun), rerun + " reran some of " + finishedBefore);
        assertEquals(9 + 3 + 1, outcome.trials().size());
        assertEquals(9 + 3 + 1 - 5, rerun.size());
        // The earlier trials are the log's own records, times and all.
        assertEquals(before, outcome.trials().subList(0, 5));
    }

    @Test
    void aFailedTrialStopsTheSearchWithoutWaitingForTheTrialsStillRunning() throws Exception {
        Search search = new Search(SPACE, random(2, 2), new TrialLog(dir));
        long start = System.nanoTime();
        IOException failure = assertThrows(IOException.class, () -> search.run((id, rung, epochs, p) -> {
            if (id == 0) {
                Thread.sleep(60_000);
            }
            throw new IOException("trial " + id + ": disk full");
        }, t -> { }));
        assertEquals("trial 1: disk full", failure.getMessage());
        assertTrue(System.nanoTime() - start < 20e9, "waited for the sleeping trial");
        assertEquals(List.of(), new TrialLog(dir).read());
    }

    @Test
    void aLineCutShortByACrashIsSkippedAndDropped() throws Exception {
        TrialLog log = new TrialLog(dir);
        Trial one = new Trial(0, 0, 1, Map.of("dim", 10), 0.5, 1.0, Trial.Status.COMPLETED, null, "now");
        log.append(one);
        Files.writeString(log.file(), "{\"id\":1,\"rung\":0,\"epo", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(List.of(one), log.read());
        Trial two = new Trial(1, 0, 1, Map.of("dim", 20), 0.25, 1.0, Trial.Status.COMPLETED, null, "later");
        log.append(two);
        assertEquals(List.of(one, two), log.read());
        assertEquals(2, Files.readAllLines(log.file()).size());
    }

    @Test
    void aRefusedConfigurationFailsItsTrialAndIsNotPromoted() throws Exception {
        Search.Outcome outcome = new Search(SPACE, random(9, 2), new TrialLog(dir)).run((id, rung, epochs, p) -> {
            if ((Integer) p.get("dim") == 40) {
                throw new Search.RefusedConfiguration("dim 40 refused", null);
            }
            return objective(p, epochs);
        }, t -> { });
        List<Trial> failed = outcome.trials().stream().filter(t -> !t.completed()).toList();
        assertFalse(failed.isEmpty());
        for (Trial t : failed) {
            assertEquals(0, t.rung());
            assertEquals("dim 40 refused", t.error());
        }
        assertTrue(outcome.trials().stream().filter(t -> t.rung() > 0).allMatch(Trial::completed));
    }

    @Test
    void theGridTrainsEveryPointForTheFullEpochs() throws Exception {
        TuneConfig grid = new TuneConfig(TuneConfig.Strategy.GRID, 1, 2, 1, 9, 3, 3, Objective.ANALOGY, 5);
        Search.Outcome outcome = new Search(SPACE, grid, new TrialLog(dir)).run((id, rung, epochs, p) ->
                objective(p, epochs), t -> { });
        assertEquals(9, outcome.trials().size());
        assertEquals(9 * 9, outcome.trialEpochs());
        assertTrue(outcome.trials().stream().allMatch(t -> t.epochs() == 9 && t.rung() == 0));
    }
}
