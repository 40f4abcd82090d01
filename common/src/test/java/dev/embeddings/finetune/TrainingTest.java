package dev.embeddings.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny networks on generated tasks: they must clearly beat chance, and saved models must predict the same. */
class TrainingTest {

    @TempDir
    Path dir;

    private static FineTuneConfig tiny(ModelKind model, EmbeddingMode mode, int epochs) {
        return tiny(model, mode, epochs, 3, 0.01);
    }

    private static FineTuneConfig tiny(ModelKind model, EmbeddingMode mode, int epochs, double maxNorm,
                                       double embeddingLearningRate) {
        return new FineTuneConfig(model, mode, 16, 1, !model.isTagger(), TagScheme.IOB2, epochs, 3, 16,
                adam(0.01, embeddingLearningRate), 0.2, maxNorm, 8, 16, 7).validate();
    }

    /** Adam at constant rates, no weight decay, no clipping. */
    static OptimizerConfig adam(double learningRate, double embeddingLearningRate) {
        return new OptimizerConfig(Optimizer.ADAM, learningRate, embeddingLearningRate, 0, LrSchedule.CONSTANT, 0, 0);
    }

    /** Trains on 300 generated sentiment sentences; dev (also used as test) has 100 others. */
    private FineTuneJob.Outcome runSentiment(FineTuneConfig config, PretrainedVectors vectors, Path out)
            throws IOException {
        Path train = SyntheticTasks.writeSentiment(dir.resolve("train.tsv"), 300, 1);
        Path dev = SyntheticTasks.writeSentiment(dir.resolve("dev.tsv"), 100, 2);
        return FineTuneJob.run(config, train, dev, dev, vectors, out);
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void staticCnnLearnsPlantedSentimentWordsAndWritesReport() throws IOException {
        Path out = dir.resolve("cnn");
        FineTuneJob.Outcome outcome = runSentiment(tiny(ModelKind.CNN, EmbeddingMode.STATIC, 4),
                SyntheticTasks.vectors(16, 3), out);

        ClassificationReport devReport = (ClassificationReport) outcome.splits().get("dev");
        assertTrue(devReport.accuracy() > 0.9, "dev accuracy " + devReport.accuracy() + " (chance ~0.5)");
        assertEquals(1.0, outcome.coverage().tokenShare());

        FineTuneReport report = FineTuneReport.read(out.resolve(FineTuneJob.REPORT));
        assertEquals(devReport, report.dev());
        assertEquals(outcome.report().test(), report.test());
        assertTrue(((ClassificationReport) report.test()).perClass().containsKey("pos"), report.toString());
        JsonNode json = new ObjectMapper().readTree(out.resolve(FineTuneJob.REPORT).toFile());
        assertEquals(List.of("task", "per_class", "accuracy", "macro_avg", "weighted_avg", "support",
                "confusion_matrix"), fieldNames(json.path("dev").fieldNames()));
    }

    private static List<String> fieldNames(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** The synthetic sentiment task of the embedding-layer tests, with its pretrained embedding matrix. */
    private record Sentiment(ClassificationTask task, List<LabeledText> train, EmbeddingMatrix initial) {

        /** A network of {@code config} starting from {@code initial}, trained on {@code train} (also its dev set). */
        ComputationGraph trainOnItself(FineTuneConfig config) {
            ComputationGraph net = Networks.create(
                    Networks.configuration(config, initial.rows(), initial.dim(), task.labels(), 1), initial);
            LocalTrainer.train(net, task, train, train, config);
            return net;
        }
    }

    private Sentiment sentiment() throws IOException {
        PretrainedVectors vectors = SyntheticTasks.vectors(16, 3);
        List<LabeledText> train = new ClassificationReader(true)
                .read(SyntheticTasks.writeSentiment(dir.resolve("train.tsv"), 200, 1));
        ClassificationTask task = ClassificationTask.fromTraining(train, List.of(), 1, vectors);
        return new Sentiment(task, train, EmbeddingMatrix.pretrained(task.index(), vectors, 7));
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void staticEmbeddingsStayFrozenWhileFineTunedOnesMove() throws IOException {
        Sentiment sentiment = sentiment();
        EmbeddingMatrix initial = sentiment.initial();
        int good = sentiment.task().index().row(SyntheticTasks.POSITIVE.get(0));
        for (EmbeddingMode mode : List.of(EmbeddingMode.STATIC, EmbeddingMode.FINE_TUNE)) {
            ComputationGraph net = sentiment.trainOnItself(tiny(ModelKind.CNN, mode, 1));
            float[] trained = net.getParam(Networks.EMBEDDING + "_W").dup('c').data().asFloat();
            float[] before = initial.values().row(good);
            float[] after = Arrays.copyOfRange(trained, good * initial.dim(), (good + 1) * initial.dim());
            if (mode.trainable()) {
                assertFalse(Arrays.equals(before, after), "fine-tune must update the vector of a cue word");
            } else {
                assertArrayEquals(initial.values().toArray(), trained, "static embeddings must not change");
            }
        }
    }

    /** A bound below Xavier's initial class-vector norms (~1.4 here) must bind; without it the norms stay above. */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void maxNormBoundsEachClassWeightVectorOfTheCnnOutputLayer() throws IOException {
        Sentiment sentiment = sentiment();
        double bound = 1.0;
        for (double maxNorm : new double[] {bound, 0}) {
            ComputationGraph net = sentiment.trainOnItself(tiny(ModelKind.CNN, EmbeddingMode.FINE_TUNE, 2, maxNorm,
                    0.01));
            // W is [inputs, classes]: one norm per class.
            double[] norms = net.getParam(Networks.OUTPUT + "_W").norm2(0).toDoubleVector();
            assertEquals(sentiment.task().labels().size(), norms.length);
            double longest = Arrays.stream(norms).max().orElseThrow();
            if (maxNorm > 0) {
                assertTrue(longest <= bound + 1e-4, "class weight norms " + Arrays.toString(norms));
            } else {
                assertTrue(longest > bound, "unconstrained norms " + Arrays.toString(norms) + " test nothing");
            }
        }
    }

    /** Adam steps are about the learning rate whatever the gradient: 100 times smaller a rate, much smaller moves. */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void embeddingLearningRateSetsHowFarFineTunedVectorsMove() throws IOException {
        Sentiment sentiment = sentiment();
        float[] initial = sentiment.initial().values().toArray();
        double[] moved = new double[2];
        double[] rates = {0.01, 1e-4};
        for (int i = 0; i < rates.length; i++) {
            FineTuneConfig config = tiny(ModelKind.CNN, EmbeddingMode.FINE_TUNE, 1, 3, rates[i]);
            ComputationGraph net = sentiment.trainOnItself(config);
            float[] trained = net.getParam(Networks.EMBEDDING + "_W").dup('c').data().asFloat();
            for (int j = 0; j < trained.length; j++) {
                moved[i] = Math.max(moved[i], Math.abs(trained[j] - initial[j]));
            }
        }
        assertTrue(moved[1] > 0, "the vectors must still train");
        assertTrue(moved[1] < 0.1 * moved[0], "largest move " + moved[1] + " at rate 1e-4, " + moved[0] + " at 0.01");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void averagedVectorsBaselineLearnsFromRandomInit() throws IOException {
        FineTuneJob.Outcome outcome = runSentiment(tiny(ModelKind.AVERAGE, EmbeddingMode.RANDOM, 8), null,
                dir.resolve("avg"));
        double accuracy = ((ClassificationReport) outcome.splits().get("dev")).accuracy();
        assertTrue(accuracy > 0.8, "dev accuracy " + accuracy + " (chance ~0.5)");
    }

    @Test
    @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void staticBiLstmTaggerFindsPlantedEntitiesAndReloadsWithSamePredictions() throws IOException {
        assertTaggerFindsPlantedEntitiesAndReloadsWithSamePredictions(ModelKind.BILSTM);
    }

    @Test
    @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void staticCrfTaggerFindsPlantedEntitiesAndReloadsWithSamePredictions() throws IOException {
        assertTaggerFindsPlantedEntitiesAndReloadsWithSamePredictions(ModelKind.CRF);
    }

    private void assertTaggerFindsPlantedEntitiesAndReloadsWithSamePredictions(ModelKind model) throws IOException {
        Path train = SyntheticTasks.writeEntities(dir.resolve("train.conll"), 300, 11);
        Path dev = SyntheticTasks.writeEntities(dir.resolve("dev.conll"), 80, 12);
        Path out = dir.resolve("tagger");
        FineTuneJob.Outcome outcome = FineTuneJob.run(tiny(model, EmbeddingMode.STATIC, 4), train, dev,
                null, SyntheticTasks.vectors(16, 13), out);

        EntityReport devReport = (EntityReport) outcome.splits().get("dev");
        assertTrue(devReport.f1() > 0.8, "entity F1 " + devReport.f1());
        assertTrue(devReport.perType().get("PER").f1() > 0.5, devReport.toString());
        // The names are capitalised in the text but lower-case in the vectors: found by the fallback.
        assertEquals(1.0, outcome.coverage().tokenShare());

        // Re-score with the reloaded model: identical predictions give an identical report.
        List<TaggedSentence> sentences = new ConllReader(TagScheme.IOB2).read(dev);
        List<List<String>> predicted = Predictor.load(out).tag(sentences.stream().map(TaggedSentence::words).toList());
        EntityScorer scorer = new EntityScorer();
        for (int i = 0; i < sentences.size(); i++) {
            scorer.add(sentences.get(i).tags(), predicted.get(i));
        }
        assertEquals(devReport, scorer.report());

        FineTuneReport report = FineTuneReport.read(out.resolve(FineTuneJob.REPORT));
        assertEquals(devReport, report.dev());
        assertTrue(((EntityReport) report.dev()).perType().containsKey("LOC"), report.toString());

        // A sentence is tagged the same alone as within a padded minibatch of others (for the CRF this checks that
        // each word's character features reach that word).
        List<List<String>> words = sentences.stream().map(TaggedSentence::words).toList();
        Predictor reloaded = Predictor.load(out);
        for (int i = 0; i < 10; i++) {
            assertEquals(predicted.get(i), reloaded.tag(List.of(words.get(i))).get(0), "sentence " + i);
        }
    }

    /**
     * Dev names are new words (the unknown row, in random mode) whose casing is that of the training names: only
     * their spelling types them, which the CRF model's character CNN reads and the softmax tagger cannot.
     */
    @Test
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void characterFeaturesTypeNamesNeverSeenInTraining() throws IOException {
        Path train = SyntheticTasks.writeSpelledEntities(dir.resolve("train.conll"), 400, 31);
        Path dev = SyntheticTasks.writeSpelledEntities(dir.resolve("dev.conll"), 100, 32);
        double[] f1 = new double[2];
        ModelKind[] models = {ModelKind.CRF, ModelKind.BILSTM};
        for (int i = 0; i < models.length; i++) {
            FineTuneJob.Outcome outcome = FineTuneJob.run(tiny(models[i], EmbeddingMode.RANDOM, 5), train, dev, null,
                    null, dir.resolve(models[i].name()));
            f1[i] = ((EntityReport) outcome.splits().get("dev")).f1();
        }
        assertTrue(f1[0] > 0.9, "CRF with character CNN: entity F1 " + f1[0]);
        assertTrue(f1[1] < 0.8, "softmax tagger without characters: entity F1 " + f1[1] + " (about half the types"
                + " right is expected)");
    }
}
