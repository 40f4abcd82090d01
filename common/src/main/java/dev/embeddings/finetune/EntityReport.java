package dev.embeddings.finetune;

import java.util.Map;

/**
 * Entity-level scores as conlleval prints them (as fractions): overall precision, recall and F1 over all chunks,
 * the chunk counts behind them, token accuracy, and per-type figures.
 */
public record EntityReport(double precision, double recall, double f1, long goldEntities, long predictedEntities,
                           long correctEntities, double tokenAccuracy, Map<String, Prf> perType)
        implements TaskReport {

    @Override
    public double headline() {
        return f1;
    }
}
