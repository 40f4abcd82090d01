package dev.embeddings.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param composed         the scores with out-of-vocabulary words composed ({@link OovWords#COMPOSE}); null (and
 *                         absent from the JSON) otherwise
 */
@JsonPropertyOrder({"accuracy", "accuracy_3cosmul", "semantic", "syntactic", "seen", "total", "coverage",
        "sections", "composed"})
public record AnalogyResult(
        double accuracy,
        @JsonProperty("accuracy_3cosmul") double accuracyCosMul,
        double semantic,
        double syntactic,
        int seen,
        int total,
        double coverage,
        Map<String, Section> sections,
        @JsonInclude(JsonInclude.Include.NON_NULL) Composed composed) {

    /** One section's results; accuracies over its seen questions. */
    @JsonPropertyOrder({"accuracy", "accuracy_3cosmul", "seen", "total"})
    public record Section(
            double accuracy,
            @JsonProperty("accuracy_3cosmul") double accuracyCosMul,
            int seen,
            int total) {
    }

    /**
     * The scores when question words a, b and c outside the vocabulary get composed vectors: over every question
     * seen so (the in-vocabulary ones included), with how many needed a composed word and how many distinct words
     * were composed. An answer d outside the vocabulary is no candidate, so its question stays unseen.
     *
     * @param questions questions seen only thanks to composition ({@code seen} less the in-vocabulary seen)
     * @param words     distinct words composed for them
     */
    @JsonPropertyOrder({"accuracy", "accuracy_3cosmul", "semantic", "syntactic", "seen", "coverage", "questions",
            "words"})
    public record Composed(
            double accuracy,
            @JsonProperty("accuracy_3cosmul") double accuracyCosMul,
            double semantic,
            double syntactic,
            int seen,
            double coverage,
            int questions,
            int words) {
    }
}
