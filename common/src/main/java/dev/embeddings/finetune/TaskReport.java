package dev.embeddings.finetune;

/** The figures of one split; the headline figure doubles as the early-stopping score. */
public interface TaskReport {

    /** Higher is better: accuracy for classification, entity F1 for tagging. */
    double headline();
}
