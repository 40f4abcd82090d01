package dev.embeddings.finetune;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The figures of one split; the headline figure doubles as the early-stopping score. In JSON, {@code "task"} says
 * which kind of report it is.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "task")
@JsonSubTypes({@JsonSubTypes.Type(value = ClassificationReport.class, name = "classification"),
        @JsonSubTypes.Type(value = EntityReport.class, name = "ner")})
public sealed interface TaskReport permits ClassificationReport, EntityReport {

    /** Higher is better: accuracy for classification, entity F1 for tagging. */
    double headline();

    /** The report in scikit-learn's text layout. */
    String text();
}
