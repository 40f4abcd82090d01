package dev.embeddings.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TuneSummaryTest {

    private static final List<Trial> TRIALS = List.of(
            new Trial(0, 0, 1, Map.of("dim", 10, "lr", 0.01), 0.30, 2, Trial.Status.COMPLETED, null, "a"),
            new Trial(1, 0, 1, Map.of("dim", 20, "lr", 1e-4), null, 0.1, Trial.Status.FAILED, "refused", "b"),
            new Trial(2, 0, 1, Map.of("dim", 40, "lr", 0.05), 0.50, 2, Trial.Status.COMPLETED, null, "c"),
            new Trial(2, 1, 3, Map.of("dim", 40, "lr", 0.05), 0.45, 6, Trial.Status.COMPLETED, null, "d"));

    @Test
    void theCurveIsTheBestObjectiveSoFarOverTheEpochsSpent() {
        double[][] curve = TuneSummary.bestSoFar(TRIALS);
        assertArrayEquals(new double[] {1, 2, 3, 6}, curve[0]);
        assertArrayEquals(new double[] {0.30, 0.30, 0.50, 0.50}, curve[1]);
    }

    @Test
    void theBestIsTheLastRungsBestAndItsFileSetsItsParametersOverTheSearchsOptions() throws IOException {
        Search.Outcome outcome = new Search.Outcome(TRIALS, 0);
        Trial best = outcome.best().orElseThrow();
        assertEquals(TRIALS.get(3), best);
        Map<String, String> training = new LinkedHashMap<>(Map.of("model", "cbow", "dim", "100", "epochs", "5"));
        Properties file = new Properties();
        file.load(new StringReader(TuneSummary.bestProperties(best, training, Objective.ANALOGY)));
        assertEquals(Map.of("model", "cbow", "dim", "40", "lr", "0.05", "epochs", "3"), file);

        String table = TuneSummary.table(outcome, List.of("dim", "lr"));
        List<String> lines = table.lines().toList();
        assertEquals(2 + 4, lines.size(), table);
        assertTrue(lines.get(0).matches("\\| trial +\\| rung +\\| epochs +\\| dim +\\| lr +\\| objective +\\| "
                + "seconds +\\| status +\\|"), table);
        assertTrue(lines.get(2).startsWith("| *2 "), table);
        assertTrue(lines.get(5).contains("failed: refused"), table);

        String html = TuningPage.render(outcome, List.of("dim", "lr"), Objective.ANALOGY);
        assertTrue(html.contains("<polyline class=\"series\""), html);
        assertEquals(4, html.split("<tr><td").length - 1, html);
    }
}
