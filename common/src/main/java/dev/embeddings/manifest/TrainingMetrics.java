package dev.embeddings.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.embeddings.align.AlignmentReport;
import dev.embeddings.averaging.RoundsMetrics;
import dev.embeddings.averaging.Synchronisation;
import dev.embeddings.checkpoint.CheckpointCost;
import dev.embeddings.checkpoint.TrainingRound;
import java.util.List;

/**
 * The {@code metrics} of a {@code manifest.json}: how the training went. Both trainers record the loss, time,
 * synchronisation, checkpoints and history; word2vec adds the words trained and their rate, GloVe its co-occurrence
 * matrix, and a version published by {@code refresh} its alignment. What a job does not record is null and left out
 * of the file, so a manifest written before a field existed reads back with that field null.
 *
 * @param finalLoss                        the last round's loss
 * @param wordsTrained                     word2vec: words trained over the whole training, resumed rounds included
 * @param cooccurrenceEntries              GloVe: entries of the co-occurrence matrix
 * @param cooccurrenceSeconds              GloVe: seconds counting (or loading) it
 * @param cooccurrenceSource               GloVe: "counted", "counted, saved to DIR" or "loaded from DIR"
 * @param cooccurrenceSaveSeconds          GloVe, matrix saved: seconds saving it
 * @param cooccurrenceCountingSecondsSaved GloVe, matrix loaded: its counting time less this run's loading time
 * @param trainingSeconds                  this run's time in the rounds
 * @param wordsPerSecond                   word2vec: this run's words per second
 * @param resumedAfterRound                rounds a checkpoint had done before this run (0: from the start)
 * @param history                          one point per round since the start
 * @param alignment                        refresh: how the version was aligned to the previous one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingMetrics(
        Double finalLoss,
        Long wordsTrained,
        Long cooccurrenceEntries,
        Double cooccurrenceSeconds,
        String cooccurrenceSource,
        Double cooccurrenceSaveSeconds,
        Double cooccurrenceCountingSecondsSaved,
        Double trainingSeconds,
        Double wordsPerSecond,
        Integer resumedAfterRound,
        Synchronisation synchronisation,
        CheckpointCost checkpoints,
        List<TrainingRound> history,
        AlignmentReport alignment) {

    /** Nothing recorded. */
    public static final TrainingMetrics NONE = new TrainingMetrics(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    /** How a GloVe job came by its co-occurrence matrix; the two seconds are null where they do not apply. */
    public record Cooccurrence(long entries, double seconds, String source, Double saveSeconds,
                               Double countingSecondsSaved) {
    }

    public static TrainingMetrics word2vec(RoundsMetrics rounds, long wordsTrained, double wordsPerSecond) {
        return new TrainingMetrics(rounds.finalLoss(), wordsTrained, null, null, null, null, null,
                rounds.trainingSeconds(), wordsPerSecond, rounds.resumedAfterRound(), rounds.synchronisation(),
                rounds.checkpoints(), rounds.history(), null);
    }

    public static TrainingMetrics glove(RoundsMetrics rounds, Cooccurrence matrix) {
        return new TrainingMetrics(rounds.finalLoss(), null, matrix.entries(), matrix.seconds(), matrix.source(),
                matrix.saveSeconds(), matrix.countingSecondsSaved(), rounds.trainingSeconds(), null,
                rounds.resumedAfterRound(), rounds.synchronisation(), rounds.checkpoints(), rounds.history(), null);
    }

    /** These metrics with the alignment of a published version. */
    public TrainingMetrics withAlignment(AlignmentReport alignment) {
        return new TrainingMetrics(finalLoss, wordsTrained, cooccurrenceEntries, cooccurrenceSeconds,
                cooccurrenceSource, cooccurrenceSaveSeconds, cooccurrenceCountingSecondsSaved, trainingSeconds,
                wordsPerSecond, resumedAfterRound, synchronisation, checkpoints, history, alignment);
    }
}
