package dev.embeddings.finetune;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelDirectoryTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void savedCnnReloadsWithIdenticalOutputsAndPredictsRawText() throws IOException {
        Path trainFile = SyntheticTasks.writeSentiment(dir.resolve("train.tsv"), 200, 21);
        Path devFile = SyntheticTasks.writeSentiment(dir.resolve("dev.tsv"), 60, 22);
        ClassificationReader reader = new ClassificationReader(true);
        List<LabeledText> train = reader.read(trainFile);
        List<LabeledText> dev = reader.read(devFile);
        FineTuneConfig config = new FineTuneConfig(ModelKind.CNN, EmbeddingMode.FINE_TUNE, 16, 1, true,
                TagScheme.IOB2, 1, 1, 16, new OptimizerConfig(Optimizer.ADAMW, 0.01, 0.01, 1e-4, LrSchedule.COSINE, 2, 1),
                0.5, 3, 4, 4, 5).validate();
        PretrainedVectors vectors = SyntheticTasks.vectors(8, 23);
        ClassificationTask task = ClassificationTask.fromTraining(train, dev, config.minCount(), vectors);
        EmbeddingMatrix embeddings = EmbeddingMatrix.pretrained(task.index(), vectors, 1);
        ComputationGraph net = Networks.create(
                Networks.configuration(config, task.index().rows(), embeddings.dim(), task.labels(), 13),
                embeddings);
        LocalTrainer.train(net, task, train, dev, config);

        Path modelDir = dir.resolve("model");
        ModelDirectory.save(modelDir, net, task, new ModelDirectory.Info(config.model(), true, config.embeddings()));

        INDArray[] features = Batches.classificationFeatures(
                dev.stream().map(e -> task.index().encode(e.tokens())).toList());
        INDArray before = net.output(false, new INDArray[] {features[0]}, new INDArray[] {features[1]})[0];
        INDArray after = ModelDirectory.readNetwork(modelDir)
                .output(false, new INDArray[] {features[0]}, new INDArray[] {features[1]})[0];
        assertEquals(before, after);

        List<String> rawTexts = Files.readAllLines(devFile).stream().map(l -> l.substring(l.indexOf('\t') + 1))
                .toList();
        Predictor predictor = Predictor.load(modelDir);
        assertEquals(task.labelNames(task.predict(net, dev.stream().map(LabeledText::tokens).toList())),
                predictor.classify(rawTexts));
        assertThrows(IllegalStateException.class, () -> predictor.tag(List.of(List.of("Paris"))));
    }

    @Test
    void loadingADirectoryWithoutAModelNamesTheMissingFile() {
        IOException e = assertThrows(IOException.class, () -> Predictor.load(dir));
        assertTrue(e.getMessage().contains(ModelDirectory.NETWORK), e.getMessage());
    }
}
