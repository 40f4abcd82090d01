package dev.embeddings.finetune;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One fine-tuning run on a single machine: reads the task files, builds the vocabulary and initial embeddings,
 * trains with early stopping on dev, saves the best model into the output directory (see {@link ModelDirectory})
 * and writes {@code report.json} there with dev (and test) figures.
 */
public final class FineTuneJob {

    public static final String REPORT = FineTuneReport.FILE;
    private static final Logger LOG = LoggerFactory.getLogger(FineTuneJob.class);

    /** What a run wrote to {@code report.json}. */
    public record Outcome(FineTuneReport report) {

        public LocalTrainer.Result training() {
            return report.training();
        }

        /** The vectors' coverage of the training text; null without vectors. */
        public Coverage coverage() {
            return report.coverage();
        }

        /** Each split's report: dev, then test if there was one. */
        public Map<String, TaskReport> splits() {
            Map<String, TaskReport> splits = new LinkedHashMap<>();
            splits.put("dev", report.dev());
            if (report.test() != null) {
                splits.put("test", report.test());
            }
            return splits;
        }
    }

    private FineTuneJob() {
    }

    /**
     * @param test    test file, or null
     * @param vectors pretrained vectors, required unless the embedding mode is random (then used for coverage only)
     */
    public static Outcome run(FineTuneConfig config, Path train, Path dev, Path test, PretrainedVectors vectors,
                              Path outputDir) throws IOException {
        return run(config, train, dev, test, vectors, outputDir, EpochFitter.LOCAL);
    }

    /** As above, each epoch fitted by {@code fitter} (e.g. distributed on Spark). */
    public static Outcome run(FineTuneConfig config, Path train, Path dev, Path test, PretrainedVectors vectors,
                              Path outputDir, EpochFitter fitter) throws IOException {
        config.validate();
        if (config.embeddings().usesPretrained() && vectors == null) {
            throw new IllegalArgumentException("embedding mode " + config.embeddings() + " needs pretrained vectors");
        }
        PretrainedVectors initial = config.embeddings().usesPretrained() ? vectors : null;
        if (config.model().isTagger()) {
            ConllReader reader = new ConllReader(config.tagScheme());
            List<TaggedSentence> trainSet = reader.read(train);
            List<TaggedSentence> devSet = reader.read(dev);
            List<TaggedSentence> testSet = test == null ? null : reader.read(test);
            TaggingTask task = TaggingTask.fromTraining(trainSet, evaluationText(devSet, testSet), config.minCount(),
                    config.lowercase(), config.model().characterFeatures(), initial);
            Map<String, Long> counts = TaggingTask.wordCounts(trainSet, config.lowercase());
            return train(config, task, counts, trainSet, devSet, testSet, vectors, outputDir, fitter);
        }
        ClassificationReader reader = new ClassificationReader(config.lowercase());
        List<LabeledText> trainSet = reader.read(train);
        List<LabeledText> devSet = reader.read(dev);
        List<LabeledText> testSet = test == null ? null : reader.read(test);
        ClassificationTask task = ClassificationTask.fromTraining(trainSet, evaluationText(devSet, testSet),
                config.minCount(), initial);
        return train(config, task, ClassificationTask.tokenCounts(trainSet), trainSet, devSet, testSet, vectors,
                outputDir, fitter);
    }

    /** Dev and (if given) test examples: their words join the vocabulary if they have a vector. */
    private static <E> List<E> evaluationText(List<E> dev, List<E> test) {
        return test == null ? dev : Stream.concat(dev.stream(), test.stream()).toList();
    }

    private static <E> Outcome train(FineTuneConfig config, FineTuneTask<E> task, Map<String, Long> trainCounts,
                                     List<E> train, List<E> dev, List<E> test, PretrainedVectors vectors,
                                     Path outputDir, EpochFitter fitter) throws IOException {
        if (train.isEmpty() || dev.isEmpty()) {
            throw new IllegalArgumentException("training and dev files must each hold at least one example");
        }
        Coverage coverage = vectors == null ? null : Coverage.of(trainCounts, vectors);
        if (coverage != null) {
            LOG.info("pretrained vectors cover {} of {} training tokens ({} %), {} of {} distinct words ({} %); "
                            + "{} more tokens, {} more words, composed from subwords",
                    coverage.tokensFound(), coverage.tokens(), String.format(Locale.ROOT, "%.1f",
                            100 * coverage.tokenShare()), coverage.typesFound(), coverage.types(),
                    String.format(Locale.ROOT, "%.1f", 100 * coverage.typeShare()), coverage.tokensComposed(),
                    coverage.typesComposed());
        }
        TokenIndex index = task.index();
        EmbeddingMatrix embeddings = config.embeddings().usesPretrained()
                ? EmbeddingMatrix.pretrained(index, vectors, config.seed())
                : EmbeddingMatrix.random(index, config.randomDim(), vectors, config.seed());
        int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
        ComputationGraphConfiguration conf = Networks.configuration(config, index.rows(), embeddings.dim(),
                task.labels(), config.epochs() * fitter.steps(batches));
        ComputationGraph net = Networks.create(conf, embeddings);
        LocalTrainer.Result training = LocalTrainer.train(net, task, train, dev, config, fitter);

        ModelDirectory.save(outputDir, net, task,
                new ModelDirectory.Info(config.model(), config.lowercase(), config.embeddings()));
        FineTuneReport report = new FineTuneReport(config.model(), config.embeddings(), config, coverage, training,
                task.report(net, dev), test == null ? null : task.report(net, test));
        report.write(outputDir.resolve(REPORT));
        Outcome outcome = new Outcome(report);
        outcome.splits().forEach((split, figures) -> LOG.info("{} report ({}, {} embeddings):\n{}", split,
                config.model(), config.embeddings(), figures.text()));
        return outcome;
    }
}
