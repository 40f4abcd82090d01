package dev.embeddings.refresh;

import dev.embeddings.align.AlignmentReport;
import dev.embeddings.corpus.CorpusManifest;
import dev.embeddings.corpus.CountReuse;
import java.util.List;
import java.util.Optional;

/**
 * {@code refresh.json}, published beside the vectors: what a refresh trained on and how the result compared with
 * the version before it. The next refresh compares its input listing with {@link #inputs()} to skip unchanged
 * input.
 *
 * @param inputs           every input file (path, bytes, modification time), as the corpus job listed them
 * @param counts           which input files' word counts were reused from the root's count cache and which were
 *                         counted (null in records of versions published before the cache existed)
 * @param previousVersion  the version current when this one was trained (warm start, gate, alignment), or null
 * @param accuracy         analogy accuracy in percent, or null without an analogy file
 * @param previousAccuracy the previous version's accuracy on the same questions, or null
 * @param alignment        how the vectors were rotated into the previous version's space; null for a first version
 * @param downstream       each downstream task's scores and gate, in the order configured; null without tasks
 */
public record RefreshRecord(List<CorpusManifest.InputFile> inputs, CountReuse counts, String previousVersion,
        Double accuracy, Double previousAccuracy, AlignmentReport alignment, List<DownstreamResult> downstream) {

    public static final String FILE = "refresh.json";

    public RefreshRecord withDownstream(List<DownstreamResult> results) {
        return new RefreshRecord(inputs, counts, previousVersion, accuracy, previousAccuracy, alignment, results);
    }

    /** The first downstream task that failed its gate, if any: why the version was withheld. */
    public Optional<DownstreamResult> downstreamRefusal() {
        return downstream == null ? Optional.empty() : downstream.stream().filter(r -> !r.passed()).findFirst();
    }
}
