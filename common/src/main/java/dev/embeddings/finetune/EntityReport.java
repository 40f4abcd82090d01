package dev.embeddings.finetune;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * Entity-level scores as conlleval counts them (a predicted entity is right only with the gold one's boundaries and
 * type), laid out as scikit-learn's report (as seqeval prints it): per type precision, recall, F1 and support; the
 * micro average over all entities, which is conlleval's overall precision, recall and F1 (kept at the top level);
 * the macro and support-weighted averages over the types. {@code tokens} is scikit-learn's token-level report over
 * the IOB2 tags.
 */
@JsonPropertyOrder({"precision", "recall", "f1", "gold_entities", "predicted_entities", "correct_entities", "per_type",
        "macro_avg", "weighted_avg", "tokens"})
public record EntityReport(double precision, double recall, double f1,
                           @JsonProperty("gold_entities") long goldEntities,
                           @JsonProperty("predicted_entities") long predictedEntities,
                           @JsonProperty("correct_entities") long correctEntities,
                           @JsonProperty("per_type") Map<String, Prf> perType,
                           @JsonProperty("macro_avg") Prf macroAvg,
                           @JsonProperty("weighted_avg") Prf weightedAvg,
                           ClassificationReport tokens)
        implements TaskReport {

    @Override
    public double headline() {
        return f1;
    }

    /** Over all entities: conlleval's overall figures, with the gold entities as support. */
    public Prf microAvg() {
        return new Prf(precision, recall, f1, goldEntities);
    }

    /** The share of tokens tagged right (the token report's accuracy). */
    public double tokenAccuracy() {
        return tokens.accuracy();
    }

    @Override
    public String text() {
        return ReportText.entities(perType, microAvg(), macroAvg, weightedAvg) + "\ntokens:\n" + tokens.text();
    }
}
