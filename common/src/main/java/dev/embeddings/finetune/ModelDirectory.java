package dev.embeddings.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.vocab.Vocabulary;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * A trained model on disk: {@code model.zip} (the DL4J network, without updater state), {@code vocab.tsv} (the
 * task vocabulary; word {@code i} is embedding row {@code i + 2}), {@code labels.txt} (output units in order),
 * {@code model.json} (model kind and how words were normalised) and, when the pretrained vectors came with a subword
 * model, {@code subwords.bin}: that fastText model as it was, which gives words met only at prediction time the
 * vectors training would have given them.
 */
public final class ModelDirectory {

    static final String NETWORK = "model.zip";
    static final String VOCABULARY = "vocab.tsv";
    static final String LABELS = "labels.txt";
    static final String INFO = "model.json";
    public static final String SUBWORDS = "subwords.bin";

    /** What a predictor needs to prepare input as training did. */
    public record Info(ModelKind model, boolean lowercase, EmbeddingMode embeddings) {
    }

    private ModelDirectory() {
    }

    public static void save(Path dir, ComputationGraph net, FineTuneTask<?> task, Info info) throws IOException {
        Files.createDirectories(dir);
        ModelSerializer.writeModel(net, dir.resolve(NETWORK).toFile(), false);
        try (OutputStream out = Files.newOutputStream(dir.resolve(VOCABULARY))) {
            task.index().vocabulary().write(out);
        }
        Files.write(dir.resolve(LABELS), task.labels(), StandardCharsets.UTF_8);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(INFO).toFile(), info);
    }

    /** Copies {@code model}, the fastText model the vectors came with, into the model directory {@code dir}. */
    public static void saveSubwords(Path dir, Path model) throws IOException {
        Files.copy(model, dir.resolve(SUBWORDS), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The vectors of the directory's subword model (its words' and the ones it composes, as training read them);
     * empty for a model trained without one.
     */
    static Optional<PretrainedVectors> readSubwords(Path dir) throws IOException {
        Path file = dir.resolve(SUBWORDS);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(PretrainedVectors.of(FastTextBinary.readVectors(file)));
    }

    static Info readInfo(Path dir) throws IOException {
        return new ObjectMapper().readValue(existing(dir, INFO).toFile(), Info.class);
    }

    static ComputationGraph readNetwork(Path dir) throws IOException {
        return ModelSerializer.restoreComputationGraph(existing(dir, NETWORK).toFile(), false);
    }

    static TokenIndex readIndex(Path dir) throws IOException {
        Path file = existing(dir, VOCABULARY);
        try (InputStream in = Files.newInputStream(file)) {
            return new TokenIndex(Vocabulary.read(in, file.toString()));
        }
    }

    static List<String> readLabels(Path dir) throws IOException {
        List<String> labels = Files.readAllLines(existing(dir, LABELS), StandardCharsets.UTF_8);
        if (labels.isEmpty() || labels.stream().anyMatch(String::isEmpty)) {
            throw new IOException(dir.resolve(LABELS) + ": expected one non-empty label per line");
        }
        return labels;
    }

    private static Path existing(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a fine-tuned model directory: " + name + " missing");
        }
        return file;
    }
}
