package dev.embeddings.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a checkpoint must match to be resumed: the corpus (its manifest's SHA-256), every setting that changes the
 * training's course (hyper-parameters, workers, rounds per epoch, merge rule, warm start), and the model's shape.
 * Kept as named fields rather than one hash, so a refused resume can say which setting changed.
 *
 * @param fields setting name to its value as text, sorted by name
 */
public record Fingerprint(SortedMap<String, String> fields) implements java.io.Serializable {

    public Fingerprint {
        fields = new TreeMap<>(fields);
    }

    /** The fields of {@code values}, each as {@link String#valueOf}, leaving out {@code ignored} keys. */
    public static Fingerprint of(Map<String, ?> values, String... ignored) {
        SortedMap<String, String> fields = new TreeMap<>();
        values.forEach((key, value) -> fields.put(key, String.valueOf(value)));
        for (String key : ignored) {
            fields.remove(key);
        }
        return new Fingerprint(fields);
    }

    /**
     * A training job's fingerprint: its parameters (all but the thread count, which changes the schedule of
     * updates, not what a saved state means), the corpus manifest's SHA-256 and the vocabulary size.
     */
    public static Fingerprint ofTraining(String job, Map<String, ?> parameters, String corpusManifestSha256,
            int vocabularySize) {
        Map<String, Object> fields = new TreeMap<>(parameters);
        fields.put("job", job);
        fields.put("corpusManifestSha256", corpusManifestSha256);
        fields.put("vocabularySize", vocabularySize);
        return of(fields, "threads");
    }

    /** Each field that differs, as "name: checkpoint X, now Y"; empty when the two match. */
    public List<String> differences(Fingerprint now) {
        List<String> differences = new ArrayList<>();
        TreeMap<String, String> all = new TreeMap<>(fields);
        all.putAll(now.fields);
        for (String key : all.keySet()) {
            String before = fields.get(key);
            String after = now.fields.get(key);
            if (!Objects.equals(before, after)) {
                differences.add(key + ": checkpoint " + (before == null ? "(none)" : before) + ", now "
                        + (after == null ? "(none)" : after));
            }
        }
        return differences;
    }
}
