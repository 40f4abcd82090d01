package dev.embeddings.cli;

import dev.embeddings.backend.Nd4jThreads;
import dev.embeddings.config.Validation;
import dev.embeddings.finetune.ClassificationReport;
import dev.embeddings.finetune.EmbeddingMode;
import dev.embeddings.finetune.EntityReport;
import dev.embeddings.finetune.FineTuneConfig;
import dev.embeddings.finetune.FineTuneRun;
import dev.embeddings.finetune.FineTuneRunner;
import dev.embeddings.finetune.FineTuneTaskKind;
import dev.embeddings.finetune.LrSchedule;
import dev.embeddings.finetune.ModelKind;
import dev.embeddings.finetune.Optimizer;
import dev.embeddings.finetune.OptimizerConfig;
import dev.embeddings.finetune.TagScheme;
import dev.embeddings.finetune.TaskReport;
import dev.embeddings.spark.SparkSessions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a downstream model (sentence classification or NER) on top of word vectors, with "
                + "early stopping on dev; save the best model, report.json and report.html in --output.",
                "With --workers 1 (default) training runs in this JVM and no Spark session starts (--master is "
                        + "unused); with --workers N > 1 each epoch is trained on Spark by N workers under DL4J "
                        + "parameter averaging."})
final class FineTuneCommand implements Callable<Integer> {

    /**
     * These options' defaults: {@link FineTuneConfig#defaults}'s (its model-independent settings) and
     * {@link FineTuneRun}'s.
     */
    static Map<String, Object> defaults() {
        FineTuneConfig d = FineTuneConfig.defaults(FineTuneTaskKind.CLASSIFICATION.defaultModel(),
                FineTuneConfig.DEFAULT_EMBEDDINGS);
        OptimizerConfig o = d.optimizer();
        return Map.ofEntries(Map.entry("--init", d.embeddings()), Map.entry("--epochs", d.epochs()),
                Map.entry("--patience", d.patience()), Map.entry("--batch", d.batchSize()),
                Map.entry("--optimizer", o.optimizer()), Map.entry("--lr", o.learningRate()),
                Map.entry("--lr-schedule", o.schedule()), Map.entry("--warmup", o.warmup()),
                Map.entry("--clip-norm", o.clipNorm()), Map.entry("--dropout", d.dropout()),
                Map.entry("--max-norm", d.maxNorm()), Map.entry("--tag-scheme", d.tagScheme()),
                Map.entry("--workers", FineTuneRun.DEFAULT_WORKERS),
                Map.entry("--averaging-frequency", FineTuneRun.DEFAULT_AVERAGING_FREQUENCY),
                Map.entry("--threads", FineTuneRun.DEFAULT_THREADS), Map.entry("--output", FineTuneRun.DEFAULT_OUTPUT),
                Map.entry("--seed", d.seed()));
    }

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Option(names = "--task", required = true, paramLabel = "classification|ner",
            description = "classification: label<TAB>text lines; ner: CoNLL columns (word first, tag last).")
    FineTuneTaskKind task;

    @Option(names = "--vectors", required = true, paramLabel = "FILE|DIR",
            description = "Pretrained vectors: a vector file (word2vec binary/text, GloVe text, or a fastText .bin "
                    + "model) or a directory with vectors.bin; the .bin, or the directory's model.bin, composes "
                    + "vectors for words outside them.")
    Path vectors;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training examples.")
    Path train;

    @Option(names = "--dev", required = true, paramLabel = "FILE",
            description = "Dev examples: early stopping and model choice.")
    Path dev;

    @Option(names = "--test", paramLabel = "FILE", description = "Test examples, scored once with the best model.")
    Path test;

    @Option(names = "--init", paramLabel = "random|static|fine-tune",
            description = "Embedding layer: random, pretrained frozen, or pretrained and trained (default: "
                    + "${DEFAULT-VALUE}).")
    EmbeddingMode init;

    @Option(names = "--model", paramLabel = "cnn|average|crf|bilstm",
            description = "Network: cnn or average for classification; for ner crf (BiLSTM-CRF with a character "
                    + "CNN, Viterbi decoding into valid IOB2) or bilstm (BiLSTM, softmax per token) (default: cnn for "
                    + "classification, crf for ner).")
    ModelKind model;

    @Option(names = "--epochs", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience",
            description = "Stop after this many epochs without a better dev score (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--batch", description = "Examples per minibatch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", paramLabel = "adamw|adam|adadelta",
            description = "adamw: Adam with decoupled weight decay; adam: Adam, --weight-decay as an l2 penalty on "
                    + "the gradient; adadelta: Kim's optimiser, no learning rate (--lr, --embedding-lr, --lr-schedule "
                    + "and --warmup do not apply) (default: ${DEFAULT-VALUE}).")
    Optimizer optimizer;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Adam's learning rate, at its peak if scheduled (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--embedding-lr", paramLabel = "RATE",
            description = "Adam's learning rate of the pretrained vectors with --init fine-tune, on the same schedule "
                    + "(default: --lr).")
    Double embeddingLr;

    @Option(names = "--weight-decay", paramLabel = "D",
            description = "adamw: decoupled, w -= lr x D x w after each step; adam, adadelta: l2 penalty D x w added "
                    + "to the gradient. Weights only, not biases nor the embedding table (default: 0.01 with adamw, "
                    + "0 otherwise).")
    Double weightDecay;

    @Option(names = "--lr-schedule", paramLabel = "constant|linear|cosine",
            description = "Learning rate after the warm-up: constant, or falling to 0 at the last step of --epochs on "
                    + "a line or half a cosine (default: ${DEFAULT-VALUE}).")
    LrSchedule lrSchedule;

    @Option(names = "--warmup", paramLabel = "STEPS|FRACTION",
            description = "Linear learning-rate warm-up over this many minibatch steps, or this fraction of all "
                    + "steps if below 1; 0 for none (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--clip-norm", paramLabel = "N",
            description = "Scale each layer's gradient down to this l2 norm if longer, before the optimiser step; "
                    + "0 for none (default: ${DEFAULT-VALUE}).")
    double clipNorm;

    @Option(names = "--dropout",
            description = "Dropout before the output layer (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--max-norm", paramLabel = "S",
            description = "Classifiers: after every update, scale each class's output weight vector down to this "
                    + "l2 norm if longer (Kim 2014); 0 for none (default: ${DEFAULT-VALUE}).")
    double maxNorm;

    @Option(names = "--tag-scheme", paramLabel = "iob1|iob2",
            description = "Tags of ner files; iob1 (CoNLL-2003's) also reads iob2 files unchanged (default: "
                    + "${DEFAULT-VALUE}).")
    TagScheme tagScheme;

    @Option(names = "--workers",
            description = "1: train in this JVM; N > 1: N Spark workers with parameter averaging (default: "
                    + "${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--averaging-frequency", paramLabel = "K",
            description = "With --workers > 1: minibatches per worker between averaging rounds (default: "
                    + "${DEFAULT-VALUE}).")
    int averagingFrequency;

    @Option(names = "--threads",
            description = "Native threads (ND4J's OpenMP pool and OpenBLAS's) for the network's operations in this "
                    + "JVM. These networks are small: on a shared machine more threads mostly spin-wait "
                    + "(default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--compare",
            description = "Train random, static and fine-tune in turn (into --output/<mode>), print a table and "
                    + "write --output/compare.json; --init is ignored.")
    boolean compare;

    @Option(names = "--overwrite", description = "Write into an existing non-empty output directory.")
    boolean overwrite;

    /** The run these options ask for, validated; its files are not checked yet (refresh's downstream tasks too). */
    FineTuneRun run() {
        Validation.atLeast("--threads", threads, 1);
        ModelKind modelKind = model == null ? task.defaultModel() : model;
        FineTuneConfig defaults = FineTuneConfig.defaults(modelKind, init);
        OptimizerConfig optimization = new OptimizerConfig(optimizer, lr, embeddingLr == null ? lr : embeddingLr,
                weightDecay == null ? optimizer.defaultWeightDecay() : weightDecay,
                lrSchedule, warmup, clipNorm);
        FineTuneConfig training = new FineTuneConfig(modelKind, defaults.embeddings(), defaults.randomDim(),
                defaults.minCount(), defaults.lowercase(), tagScheme, epochs, patience, batch,
                optimization, dropout, maxNorm, defaults.filterMaps(), defaults.lstmSize(), seed);
        FineTuneRun run = new FineTuneRun(task, vectors, train, dev, test, output, compare, workers,
                averagingFrequency, overwrite, training).validate();
        return run;
    }

    @Override
    public Integer call() throws Exception {
        FineTuneRun run = run();
        Nd4jThreads.limit(threads);
        FineTuneRunner.checkInputs(run);
        List<FineTuneRunner.ModeResult> results;
        if (run.distributed()) {
            try (SparkSession session = SparkSessions.create("embeddings finetune", spark.master)) {
                results = FineTuneRunner.run(run, JavaSparkContext.fromSparkContext(session.sparkContext()));
            }
        } else {
            results = FineTuneRunner.run(run, null);
        }
        print(spec.commandLine().getOut(), results, run);
        return 0;
    }

    private static void print(PrintWriter out, List<FineTuneRunner.ModeResult> results, FineTuneRun run) {
        String metrics = run.task() == FineTuneTaskKind.NER ? "precision / recall / f1" : "accuracy / macro_f1";
        out.printf("%-10s %-26s %-26s %5s %9s%n", "init", "dev " + metrics.replace(" / ", "/"),
                run.test() == null ? "" : "test", "epoch", "s/epoch");
        for (FineTuneRunner.ModeResult r : results) {
            TaskReport testReport = r.outcome().splits().get("test");
            out.printf(Locale.ROOT, "%-10s %-26s %-26s %5d %9.1f%n", r.mode(),
                    figures(r.outcome().splits().get("dev")), testReport == null ? "" : figures(testReport),
                    r.outcome().training().bestEpoch(), r.outcome().training().meanEpochSeconds());
        }
        out.printf("%s written to %s%n", run.compare() ? FineTuneRunner.COMPARISON + " and models" : "model and report",
                run.output());
    }

    /** The split's headline figures as percentages. */
    private static String figures(TaskReport report) {
        if (report instanceof EntityReport e) {
            return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", 100 * e.precision(), 100 * e.recall(),
                    100 * e.f1());
        }
        ClassificationReport c = (ClassificationReport) report;
        return String.format(Locale.ROOT, "%.2f / %.2f", 100 * c.accuracy(), 100 * c.macroF1());
    }
}
