package dev.embeddings.finetune;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Everything one {@code embeddings finetune} command asks for.
 *
 * @param task               classification or ner; must accept {@code training.model()}
 * @param vectors            pretrained vectors: a vector file, or a directory holding {@code vectors.bin}
 * @param train              training file
 * @param dev                dev file (early stopping and the best model are chosen on it)
 * @param test               test file, or null
 * @param output             output directory (with {@code compare}: one subdirectory per embedding mode)
 * @param compare            train random, static and fine-tune one after another and compare them
 * @param workers            1: train in this JVM; more: Spark workers under parameter averaging
 * @param averagingFrequency minibatches each Spark worker fits between two averaging rounds
 * @param overwrite          write into an existing non-empty output directory
 * @param training           the network and training settings ({@code training.embeddings()} is ignored when comparing)
 */
public record FineTuneRun(FineTuneTaskKind task, Path vectors, Path train, Path dev, Path test, Path output,
                          boolean compare, int workers, int averagingFrequency, boolean overwrite,
                          FineTuneConfig training) {

    /** Largest {@code --workers}: beyond it parameter averaging over minibatches of a small task is pointless. */
    public static final int MAX_WORKERS = 1024;

    /** One worker: training runs in this JVM and no Spark session starts. */
    public static final int DEFAULT_WORKERS = 1;

    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;

    public static final Path DEFAULT_OUTPUT = Path.of("finetune-output");

    /** ND4J's native threads while a run trains: these networks are small, and more threads mostly spin-wait. */
    public static final int DEFAULT_THREADS = 1;

    public FineTuneRun validate() {
        if (task == null || vectors == null || train == null || dev == null || output == null || training == null) {
            throw new IllegalArgumentException("task, vectors, train, dev, output and training settings must be set");
        }
        training.validate();
        if (!task.accepts(training.model())) {
            throw new IllegalArgumentException("--model " + training.model().name().toLowerCase(Locale.ROOT)
                    + " does not fit --task " + task.name().toLowerCase(Locale.ROOT) + " (use "
                    + (task == FineTuneTaskKind.NER ? "crf or bilstm" : "cnn or average") + ")");
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("--workers must be between 1 and " + MAX_WORKERS + ", got " + workers);
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("--averaging-frequency must be at least 1, got " + averagingFrequency);
        }
        return this;
    }

    /** This run on other vectors, into another output directory (e.g. a refresh's downstream task). */
    public FineTuneRun on(Path vectors, Path output) {
        return new FineTuneRun(task, vectors, train, dev, test, output, compare, workers, averagingFrequency, overwrite,
                training);
    }

    /** Whether training runs on Spark (more than one worker) rather than in this JVM. */
    public boolean distributed() {
        return workers > 1;
    }
}
