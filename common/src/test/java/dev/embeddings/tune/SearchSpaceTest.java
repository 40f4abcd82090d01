package dev.embeddings.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.word2vec.Word2VecConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    static final String SPACE = """
            {"dim": {"choice": [50, 100]}, "lr": {"loguniform": [0.01, 0.1]}, "window": {"int": [2, 8]},
             "sample": {"uniform": [0, 0.001]}, "model": {"choice": ["skipgram", "cbow"]}}""";

    private static SearchSpace space() {
        return SearchSpace.parse(SPACE, "space.json");
    }

    @Test
    void readsEveryKindInTheFilesOrder() {
        SearchSpace space = space();
        assertEquals(List.of("dim", "lr", "window", "sample", "model"), space.names());
        assertEquals(new Distribution.Choice(List.of(50, 100)), space.parameters().get(Tunable.DIM));
        assertEquals(new Distribution.LogUniform(0.01, 0.1), space.parameters().get(Tunable.LR));
        assertEquals(new Distribution.IntRange(2, 8), space.parameters().get(Tunable.WINDOW));
        assertEquals(new Distribution.Uniform(0, 0.001), space.parameters().get(Tunable.SAMPLE));
    }

    @Test
    void samplingIsReproducibleBySeedAndStaysInTheSpace() {
        SearchSpace space = space();
        List<Map<String, Object>> first = IntStream.range(0, 200).mapToObj(i -> space.sample(7, i)).toList();
        assertEquals(first, IntStream.range(0, 200).mapToObj(i -> space.sample(7, i)).toList());
        assertNotEquals(first, IntStream.range(0, 200).mapToObj(i -> space.sample(8, i)).toList());
        for (Map<String, Object> trial : first) {
            assertTrue(Set.of(50, 100).contains(trial.get("dim")), trial.toString());
            double lr = (Double) trial.get("lr");
            assertTrue(lr >= 0.01 && lr <= 0.1, trial.toString());
            int window = (Integer) trial.get("window");
            assertTrue(window >= 2 && window <= 8, trial.toString());
            double sample = (Double) trial.get("sample");
            assertTrue(sample >= 0 && sample <= 0.001, trial.toString());
            // The space's values are valid word2vec settings.
            SearchSpace.apply(trial, Word2VecConfig.builder()).build();
        }
        // Every value of the int range and both choices come up; the log-uniform draws spread over both decades' halves.
        assertEquals(Set.of(2, 3, 4, 5, 6, 7, 8), first.stream().map(t -> t.get("window")).collect(Collectors.toSet()));
        assertEquals(Set.of("skipgram", "cbow"), first.stream().map(t -> t.get("model")).collect(Collectors.toSet()));
        long low = first.stream().filter(t -> (Double) t.get("lr") < Math.sqrt(0.001)).count();
        assertTrue(low > 70 && low < 130, "draws below the log-midpoint: " + low);
    }

    @Test
    void aTrialsParametersDoNotDependOnHowManyTrialsTheSearchHas() {
        TuneConfig few = new TuneConfig(TuneConfig.Strategy.RANDOM, 3, 1, 1, 3, 3, 3, Objective.ANALOGY, 11);
        TuneConfig many = new TuneConfig(TuneConfig.Strategy.RANDOM, 9, 1, 1, 3, 3, 3, Objective.ANALOGY, 11);
        List<Map<String, Object>> three = Search.configurations(space(), few);
        assertEquals(three, Search.configurations(space(), many).subList(0, 3));
    }

    @Test
    void theGridIsEveryCombinationOfEvenlySpacedPoints() {
        SearchSpace space = SearchSpace.parse("""
                {"dim": {"choice": [50, 100]}, "window": {"int": [2, 8]}, "lr": {"loguniform": [0.01, 0.1]}}""", "s");
        List<Map<String, Object>> grid = space.grid(3);
        assertEquals(2 * 3 * 3, grid.size());
        assertEquals(18, Set.copyOf(grid).size());
        assertEquals(List.of(2, 5, 8), space.parameters().get(Tunable.WINDOW).grid(3));
        assertEquals(List.of(0.01, 0.0316, 0.1), space.parameters().get(Tunable.LR).grid(3));
        assertEquals(Map.of("dim", 50, "window", 2, "lr", 0.01), grid.get(0));
        assertEquals(Map.of("dim", 100, "window", 8, "lr", 0.1), grid.get(17));
        // A narrow int range gives each of its values once.
        assertEquals(List.of(3, 4), new Distribution.IntRange(3, 4).grid(5));
    }

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> SearchSpace.parse(json, "space.json")).getMessage();
    }

    @Test
    void badSpacesFailWithOneLineNamingTheParameter() {
        String unknown = error("{\"dim\": {\"choice\": [50]}, \"learning-rate\": {\"loguniform\": [0.01, 0.1]}}");
        assertTrue(unknown.startsWith("search space space.json: learning-rate: unknown parameter; tunable: "),
                unknown);
        assertTrue(unknown.contains("lr"), unknown);
        assertEquals("search space space.json: window: empty range [8, 2]: low is above high",
                error("{\"window\": {\"int\": [8, 2]}}"));
        assertTrue(error("{\"lr\": {\"uniform\": [0.1, 0.1]}}").startsWith("search space space.json: lr: empty range"));
        assertTrue(error("{\"lr\": {\"uniform\": [0.1, 0.01]}}").startsWith("search space space.json: lr: empty range"));
        assertEquals("search space space.json: negative: empty choice: list at least one value",
                error("{\"negative\": {\"choice\": []}}"));
        assertTrue(error("{\"epochs\": {\"choice\": [1, 5]}}").contains("successive halving sets the epochs"));
        assertTrue(error("{\"lr\": {\"loguniform\": [0, 0.1]}}").contains("lr: loguniform needs a lower bound above 0"));
        assertTrue(error("{\"dim\": {\"choice\": [0, 50]}}").startsWith("search space space.json: dim: 0 is out of "
                + "range (dim must be in [1, 10000], got 0)"));
        assertTrue(error("{\"model\": {\"choice\": [\"glove\"]}}").contains("model: choice: \"glove\" is not one of "
                + "[skipgram, cbow]"));
        assertTrue(error("{\"dim\": {\"uniform\": [10, 20]}}").contains("dim: uniform is for real parameters"));
        assertTrue(error("{\"dim\": {\"range\": [10, 20]}}").contains("dim: unknown kind 'range'"));
        assertTrue(error("{\"dim\": [10, 20]}").contains("dim: expected one of choice, int, uniform, loguniform"));
        assertTrue(error("{}").contains("names no parameter"));
        assertTrue(error("{\"dim\": ").startsWith("search space space.json: not valid JSON"));
        for (String message : List.of(unknown, error("{\"dim\": {\"choice\": [0]}}"))) {
            assertEquals(1, message.lines().count(), message);
        }
    }
}
