package dev.embeddings.tune;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embeddings.io.Json;
import dev.embeddings.random.Seeds;
import dev.embeddings.word2vec.Word2VecConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a search varies: a distribution per {@link Tunable} parameter, read from a small JSON file such as
 * <pre>{"dim": {"choice": [50, 100]}, "lr": {"loguniform": [0.01, 0.1]}, "window": {"int": [2, 8]},
 *  "sample": {"uniform": [0, 0.001]}, "model": {"choice": ["skipgram", "cbow"]}}</pre>
 * Every other word2vec parameter keeps the value the command line gives it. A trial's parameters are a map from
 * option name to value, in the space's order.
 */
public final class SearchSpace {

    /** The distribution kinds, as the file names them. */
    static final List<String> KINDS = List.of("choice", "int", "uniform", "loguniform");

    private final Map<Tunable, Distribution> parameters;

    public SearchSpace(Map<Tunable, Distribution> parameters) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("the search space names no parameter; tunable: " + Tunable.names());
        }
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public Map<Tunable, Distribution> parameters() {
        return parameters;
    }

    /** The parameters' option names, in the space's order. */
    public List<String> names() {
        return parameters.keySet().stream().map(Tunable::option).toList();
    }

    /**
     * Reads a space from its JSON text; {@link IllegalArgumentException} with one line naming {@code source} and the
     * parameter for an unknown parameter, an unknown kind, an empty or inverted range, or a value word2vec refuses.
     */
    public static SearchSpace parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("search space " + source + ": not valid JSON (" + e.getOriginalMessage()
                    + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("search space " + source + ": expected a JSON object of parameters, "
                    + "e.g. {\"dim\": {\"choice\": [50, 100]}}");
        }
        Map<Tunable, Distribution> parameters = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            try {
                Tunable parameter = tunable(field.getKey());
                parameters.put(parameter, distribution(parameter, field.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("search space " + source + ": " + field.getKey() + ": "
                        + e.getMessage(), e);
            }
        }
        try {
            return new SearchSpace(parameters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("search space " + source + ": " + e.getMessage(), e);
        }
    }

    private static Tunable tunable(String name) {
        if (name.equals("epochs")) {
            throw new IllegalArgumentException("not tunable here: successive halving sets the epochs (--min-epochs "
                    + "is the first rung, --epochs the last)");
        }
        return Tunable.byOption(name).orElseThrow(() -> new IllegalArgumentException("unknown parameter; tunable: "
                + Tunable.names()));
    }

    private static Distribution distribution(Tunable parameter, JsonNode spec) {
        if (!spec.isObject() || spec.size() != 1) {
            throw new IllegalArgumentException("expected one of " + kinds() + " with its values, e.g. {\"choice\": "
                    + "[...]}, got " + spec);
        }
        String kind = spec.fieldNames().next();
        JsonNode values = spec.get(kind);
        if (!values.isArray()) {
            throw new IllegalArgumentException(kind + " takes a list, got " + values);
        }
        Distribution distribution = switch (kind) {
            case "choice" -> choice(parameter, values);
            case "int" -> {
                requireKind(parameter, kind, Tunable.Kind.INTEGER);
                int[] range = integerRange(values);
                yield new Distribution.IntRange(range[0], range[1]);
            }
            case "uniform" -> {
                requireKind(parameter, kind, Tunable.Kind.REAL);
                double[] range = realRange(values, kind);
                yield new Distribution.Uniform(range[0], range[1]);
            }
            case "loguniform" -> {
                requireKind(parameter, kind, Tunable.Kind.REAL);
                double[] range = realRange(values, kind);
                if (!(range[0] > 0)) {
                    throw new IllegalArgumentException("loguniform needs a lower bound above 0, got " + range[0]);
                }
                yield new Distribution.LogUniform(range[0], range[1]);
            }
            default -> throw new IllegalArgumentException("unknown kind '" + kind + "'; expected one of " + kinds());
        };
        // A range's ends (its two-point grid), or every choice: word2vec must accept them all.
        for (Object value : distribution.grid(2)) {
            requireAccepted(parameter, value);
        }
        return distribution;
    }

    private static String kinds() {
        return String.join(", ", KINDS);
    }

    private static void requireKind(Tunable parameter, String kind, Tunable.Kind needed) {
        if (parameter.kind() != needed) {
            throw new IllegalArgumentException(kind + " is for " + needed.name().toLowerCase(java.util.Locale.ROOT) + " parameters; give "
                    + parameter.option() + " a choice" + (parameter.kind() == Tunable.Kind.WORD ? " of "
                    + parameter.words() : parameter.kind() == Tunable.Kind.INTEGER ? " or an int range"
                    : ", a uniform or a loguniform range"));
        }
    }

    private static Distribution.Choice choice(Tunable parameter, JsonNode values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("empty choice: list at least one value");
        }
        List<Object> choices = new ArrayList<>();
        for (JsonNode value : values) {
            choices.add(switch (parameter.kind()) {
                case INTEGER -> {
                    if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
                        throw new IllegalArgumentException("choice: " + value + " is not a whole number");
                    }
                    yield value.asInt();
                }
                case REAL -> {
                    if (!value.isNumber()) {
                        throw new IllegalArgumentException("choice: " + value + " is not a number");
                    }
                    yield value.asDouble();
                }
                case WORD -> {
                    if (!value.isTextual() || !parameter.words().contains(value.asText())) {
                        throw new IllegalArgumentException("choice: " + value + " is not one of "
                                + parameter.words());
                    }
                    yield value.asText();
                }
            });
        }
        return new Distribution.Choice(choices);
    }

    private static int[] integerRange(JsonNode values) {
        if (values.size() != 2) {
            throw new IllegalArgumentException("int takes [low, high], got " + values);
        }
        for (JsonNode bound : values) {
            if (!bound.canConvertToExactIntegral() || !bound.canConvertToInt()) {
                throw new IllegalArgumentException("int: " + bound + " is not a whole number");
            }
        }
        int low = values.get(0).asInt();
        int high = values.get(1).asInt();
        if (low > high) {
            throw new IllegalArgumentException("empty range [" + low + ", " + high + "]: low is above high");
        }
        return new int[] {low, high};
    }

    private static double[] realRange(JsonNode values, String kind) {
        if (values.size() != 2 || !values.get(0).isNumber() || !values.get(1).isNumber()) {
            throw new IllegalArgumentException(kind + " takes [low, high], two numbers, got " + values);
        }
        double low = values.get(0).asDouble();
        double high = values.get(1).asDouble();
        if (!(low < high)) {
            throw new IllegalArgumentException("empty range [" + low + ", " + high + "]: low must be below high (for "
                    + "one value, give a choice)");
        }
        return new double[] {low, high};
    }

    /** Fails unless word2vec, its other parameters at their defaults, accepts {@code value} for {@code parameter}. */
    private static void requireAccepted(Tunable parameter, Object value) {
        Word2VecConfig.Builder builder = Word2VecConfig.builder();
        if (parameter == Tunable.MINN) {
            // minn matters only with character n-grams, whose longest length bounds it.
            builder.maxn(Math.max(((Number) value).intValue(), 1));
        }
        parameter.apply(builder, value);
        try {
            builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(value + " is out of range (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Trial {@code id}'s parameters under {@code seed}: each trial draws from its own stream, so the first trials of
     * a search are the same whatever its number of trials.
     */
    public Map<String, Object> sample(long seed, int id) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, id));
        Map<String, Object> values = new LinkedHashMap<>();
        parameters.forEach((parameter, distribution) -> values.put(parameter.option(), distribution.sample(random)));
        return values;
    }

    /** Every combination of the parameters' {@link Distribution#grid grid points}, the last parameter fastest. */
    public List<Map<String, Object>> grid(int points) {
        List<Map<String, Object>> combinations = List.of(Map.of());
        for (Map.Entry<Tunable, Distribution> parameter : parameters.entrySet()) {
            List<Map<String, Object>> extended = new ArrayList<>();
            for (Map<String, Object> partial : combinations) {
                for (Object value : parameter.getValue().grid(points)) {
                    Map<String, Object> next = new LinkedHashMap<>(partial);
                    next.put(parameter.getKey().option(), value);
                    extended.add(next);
                }
            }
            combinations = extended;
        }
        return combinations;
    }

    /** Sets {@code values}, a trial's parameters by option name, on {@code builder}. */
    public static Word2VecConfig.Builder apply(Map<String, Object> values, Word2VecConfig.Builder builder) {
        values.forEach((name, value) -> Tunable.byOption(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown parameter " + name + "; tunable: " + Tunable.names())).apply(builder, value));
        return builder;
    }
}
