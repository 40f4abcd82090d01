package dev.embeddings.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * Analogy accuracy on one question set. Accuracies are fractions of the questions seen (all four words among the
 * restricted vocabulary); {@code coverage} is seen / total. A group with no question seen scores 0, as in
 * evaluate_vectors.py.
 *
 * @param accuracy         3CosAdd accuracy
 * @param accuracyCosMul   3CosMul accuracy
 * @param semantic         3CosAdd accuracy over the sections not starting with {@code gram}
 * @param syntactic        3CosAdd accuracy over the {@code gram} sections
 * @param sections         per section, in file order
 */
@JsonPropertyOrder({"accuracy", "accuracy_3cosmul", "semantic", "syntactic", "seen", "total", "coverage",
        "sections"})
public record AnalogyResult(
        double accuracy,
        @JsonProperty("accuracy_3cosmul") double accuracyCosMul,
        double semantic,
        double syntactic,
        int seen,
        int total,
        double coverage,
        Map<String, Section> sections) {

    /** One section's results; accuracies over its seen questions. */
    @JsonPropertyOrder({"accuracy", "accuracy_3cosmul", "seen", "total"})
    public record Section(
            double accuracy,
            @JsonProperty("accuracy_3cosmul") double accuracyCosMul,
            int seen,
            int total) {
    }
}
