package dev.embeddings.refresh;

/**
 * How one downstream task fared in a refresh, in {@code refresh.json}: its new model's dev score and the previous
 * version's model's score on the same dev file.
 *
 * @param task          the task's name
 * @param kind          classification or ner
 * @param model         the network (cnn, average, crf, bilstm)
 * @param devScore      the new model's dev score (accuracy, or entity F1), a fraction
 * @param previousScore the previous version's model of this task re-scored on the same dev file; null if that
 *                      version has no such model (a first version, or a task added since)
 * @param passed        whether the new model may replace the previous one: no previous model, or a drop of at most
 *                      the tolerance
 */
public record DownstreamResult(String task, String kind, String model, double devScore, Double previousScore,
        boolean passed) {
}
