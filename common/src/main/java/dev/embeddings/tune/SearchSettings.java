package dev.embeddings.tune;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embeddings.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code search.json}: everything that decides which trials a search runs and what they score, written when a search
 * starts. A resumed search must have the same, or the trials it skips would not be the trials it would run; only how
 * many run at once ({@code --parallel}) may change.
 *
 * @param space    the search space as read
 * @param training the {@code word2vec} options the trials start from, by option name as the command line spells them
 * @param devSets  the dev sets' paths
 */
@JsonPropertyOrder({"space", "strategy", "trials", "minEpochs", "epochs", "eta", "gridPoints", "objective", "seed",
        "corpus", "devSets", "restrict", "training"})
public record SearchSettings(JsonNode space, TuneConfig.Strategy strategy, int trials, int minEpochs, int epochs,
                             int eta, int gridPoints, Objective objective, long seed, String corpus,
                             List<String> devSets, int restrict, Map<String, String> training) {

    public static final String FILE = "search.json";

    public static SearchSettings of(JsonNode space, TuneConfig config, String corpus, List<String> devSets,
            int restrict, Map<String, String> training) {
        return new SearchSettings(space, config.strategy(), config.trials(), config.minEpochs(), config.epochs(),
                config.eta(), config.gridPoints(), config.objective(), config.seed(), corpus, List.copyOf(devSets),
                restrict, Collections.unmodifiableMap(new TreeMap<>(training)));
    }

    /**
     * Writes these settings into {@code dir} if it holds none; fails with one line naming the first setting that
     * differs if it holds another search's.
     */
    public void requireSameAs(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(file)) {
                Json.write(out, this);
            }
            return;
        }
        JsonNode earlier;
        try (InputStream in = Files.newInputStream(file)) {
            earlier = Json.MAPPER.readTree(in);
        }
        // Through the JSON text, as the earlier settings were read: a long 5 and an int 5 are then the same node.
        JsonNode now = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(this));
        String difference = firstDifference("", earlier, now);
        if (difference != null) {
            throw new IllegalArgumentException("--out " + dir + " holds a search with other settings (" + difference
                    + "); resume it with the same settings, or give a new --out");
        }
    }

    /** The first field of {@code now} whose value differs from {@code before}'s, as "name was X, now Y". */
    private static String firstDifference(String path, JsonNode before, JsonNode now) {
        if (Objects.equals(before, now)) {
            return null;
        }
        if (before != null && before.isObject() && now.isObject() && !path.equals("space")) {
            for (Iterator<String> names = now.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String found = firstDifference(path.isEmpty() ? name : path + "." + name, before.get(name),
                        now.get(name));
                if (found != null) {
                    return found;
                }
            }
        }
        return (path.isEmpty() ? "settings" : path) + " was " + before + ", now " + now;
    }
}
