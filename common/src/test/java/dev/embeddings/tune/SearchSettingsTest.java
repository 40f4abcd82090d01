package dev.embeddings.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSettingsTest {

    @TempDir
    Path dir;

    private static SearchSettings settings(int parallel, long seed, String dim) throws Exception {
        TuneConfig config = new TuneConfig(TuneConfig.Strategy.RANDOM, 9, parallel, 1, 5, 3, 3, Objective.ANALOGY,
                seed);
        return SearchSettings.of(Json.MAPPER.readTree("{\"lr\": {\"loguniform\": [0.01, 0.1]}}"), config, "corpus",
                List.of("dev.txt"), 30000, Map.of("dim", dim, "model", "skipgram"));
    }

    @Test
    void aResumedSearchMayChangeOnlyHowManyTrialsRunAtOnce() throws Exception {
        settings(2, 7, "100").requireSameAs(dir);
        assertTrue(Files.exists(dir.resolve(SearchSettings.FILE)));
        settings(4, 7, "100").requireSameAs(dir);
        String seed = assertThrows(IllegalArgumentException.class, () -> settings(2, 8, "100").requireSameAs(dir))
                .getMessage();
        assertEquals("--out " + dir + " holds a search with other settings (seed was 7, now 8); resume it with the "
                + "same settings, or give a new --out", seed);
        String dim = assertThrows(IllegalArgumentException.class, () -> settings(2, 7, "50").requireSameAs(dir))
                .getMessage();
        assertTrue(dim.contains("(training.dim was \"100\", now \"50\")"), dim);
    }
}
