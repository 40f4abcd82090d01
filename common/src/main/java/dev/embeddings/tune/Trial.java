package dev.embeddings.tune;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial at one rung: configuration {@code id} trained for {@code epochs} (from scratch) and scored; one line of
 * {@code trials.jsonl}.
 *
 * @param parameters the searched parameters by option name, in the space's order
 * @param objective  the objective on the dev sets (higher is better); null when the trial failed
 * @param seconds    training and scoring time
 * @param error      why it failed (null when it completed)
 * @param finished   when it finished (ISO-8601)
 */
@JsonPropertyOrder({"id", "rung", "epochs", "parameters", "objective", "seconds", "status", "error", "finished"})
public record Trial(int id, int rung, int epochs, Map<String, Object> parameters, Double objective, double seconds,
                    Status status, @JsonInclude(JsonInclude.Include.NON_NULL) String error, String finished) {

    /**
     * Completed: trained and scored. Failed: word2vec refused the configuration (a combination of parameters it
     * does not accept), so it scores no objective; a failure of the cluster stops the search instead.
     */
    public enum Status { COMPLETED, FAILED }

    public Trial {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /** Which run of which configuration this is: a trial is finished once per rung. */
    public String key() {
        return key(id, rung);
    }

    static String key(int id, int rung) {
        return id + "@" + rung;
    }
}
