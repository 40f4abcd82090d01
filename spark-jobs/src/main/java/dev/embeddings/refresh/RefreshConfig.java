package dev.embeddings.refresh;

import dev.embeddings.config.Validation;
import dev.embeddings.corpus.CorpusConfig;
import dev.embeddings.publish.PublishConfig;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One scheduled refresh: the corpus and word2vec jobs' configurations (their outputs in the work directory
 * {@link #workDir(String)}), where to publish, and the quality gate.
 *
 * @param corpus    the corpus job; its inputs are what the refresh watches for changes
 * @param word2vec  the word2vec job; its {@code init} is replaced by the current published version, if any and
 *                  {@code warmStart}; its {@code parquet} means the published version gets a vectors.parquet/
 * @param warmStart start training from the current version's vectors; false trains from scratch (e.g. a periodic
 *                  full retrain), which alignment still maps into the current version's space
 * @param publish   the published root and how many versions to keep
 * @param analogies an analogy file (questions-words layout, any Hadoop path) for the quality gate; null = no gate
 * @param maxDrop   refuse to publish when analogy accuracy falls more than this many percentage points below the
 *                  current version's (a negative value demands an improvement)
 * @param downstream models re-fine-tuned on every version that passes the quality gate and published in it
 * @param downstreamTolerance withhold the version when a downstream task's dev score falls more than this many
 *                  percentage points below the current version's model of that task (negative: demand a gain)
 */
public record RefreshConfig(CorpusConfig corpus, Word2VecJobConfig word2vec, boolean warmStart, PublishConfig publish,
        String analogies, double maxDrop, List<DownstreamTask> downstream, double downstreamTolerance) {

    public static final double DEFAULT_MAX_DROP = 1.0;

    public static final double DEFAULT_DOWNSTREAM_TOLERANCE = 1.0;

    /** Each version starts from the current one's vectors. */
    public static final boolean DEFAULT_WARM_START = true;

    public RefreshConfig {
        Validation.range("--max-drop", maxDrop, -100, 100);
        Validation.range("--downstream-tolerance", downstreamTolerance, -100, 100);
        downstream = List.copyOf(downstream);
        Set<String> names = new HashSet<>();
        for (DownstreamTask task : downstream) {
            if (!names.add(task.name())) {
                throw new IllegalArgumentException("--downstream names task " + task.name() + " twice");
            }
        }
        if (!corpus.output().equals(word2vec.corpus())) {
            throw new IllegalArgumentException("the word2vec job must train on the corpus job's output "
                    + corpus.output() + ", not " + word2vec.corpus());
        }
        if (word2vec.training().subwords()) {
            // A version's vectors would warm-start the next one's word rows only, and model.bin is not aligned.
            throw new IllegalArgumentException("refresh trains plain word vectors: leave --maxn at 0 (subword vectors "
                    + "are trained by the word2vec command)");
        }
    }

    /** Where a refresh of {@code root} keeps its intermediate corpus and vectors (replaced by every run). */
    public static String workDir(String root) {
        return root.replaceAll("/+$", "") + "/.refresh-work";
    }

    /**
     * The per-input-file word counts kept from run to run (beside, not in, the work directory, which a published
     * run deletes), so a refresh counts only new or changed files.
     */
    String countCacheDir() {
        return publish.root().replaceAll("/+$", "") + "/.refresh-cache/counts";
    }

    /** Where the version to publish is assembled (aligned vectors, drift, record, manifest) before publishing. */
    String stagedVersion() {
        return workDir(publish.root()) + "/version";
    }
}
