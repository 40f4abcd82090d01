package dev.embeddings.cli;

import dev.embeddings.finetune.ClassificationReader;
import dev.embeddings.finetune.Predictor;
import dev.embeddings.publish.PublishConfig;
import dev.embeddings.publish.PublishedModels;
import dev.embeddings.publish.PublishedVersion;
import dev.embeddings.publish.VectorsRepository;
import dev.embeddings.spark.FileSystems;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply a model saved by `finetune` to new text; results go to standard output.",
                "Classification: one text per line in, label<TAB>text out (blank lines skipped). NER: CoNLL "
                        + "words in (first column; blank lines between sentences), 'word tag' lines out.",
                "A model trained from vectors with a subword model keeps it (subwords.bin): words unseen in "
                        + "training get the vectors it gives them, not the unknown-word row."})
final class PredictCommand implements Callable<Integer> {

    /** Lines or sentences predicted together: bounds memory on large inputs. */
    private static final int CHUNK = 1000;
    private static final String DOCSTART = "-DOCSTART-";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR|ROOT",
            description = "A finetune output directory, or a publish root whose LATEST version carries models "
                    + "(refresh --downstream; any Hadoop path).")
    String model;

    @Option(names = "--task-name", paramLabel = "NAME",
            description = "With a publish root: the downstream task whose model to use (default: the only one).")
    String taskName;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Text to label.")
    Path input;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString(), null, "--input file not found");
        }
        Predictor predictor = load();
        PrintWriter out = spec.commandLine().getOut();
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            if (predictor.model().isTagger()) {
                tag(predictor, in, out);
            } else {
                classify(predictor, in, out);
            }
        }
        out.flush();
        return 0;
    }

    /** A finetune output directory as given, or the model of {@code --task-name} in a publish root's LATEST. */
    private Predictor load() throws IOException {
        Configuration conf = DriverConf.hadoop();
        org.apache.hadoop.fs.Path location = new org.apache.hadoop.fs.Path(model);
        if (!FileSystems.get(location, conf).exists(new org.apache.hadoop.fs.Path(location,
                VectorsRepository.LATEST))) {
            if (taskName != null) {
                throw new IllegalArgumentException("--task-name needs a publish root as --model; " + model
                        + " has no " + VectorsRepository.LATEST);
            }
            return Predictor.load(Path.of(model));
        }
        VectorsRepository repository = VectorsRepository.open(PublishConfig.of(model), conf);
        PublishedVersion version = repository.latest().orElseThrow();
        List<String> tasks = PublishedModels.tasks(version.manifest());
        if (tasks.isEmpty() || taskName != null && !tasks.contains(taskName)) {
            throw new IllegalArgumentException("version " + version.id() + " of " + model + " has "
                    + (tasks.isEmpty() ? "no models" : "no model of --task-name " + taskName + " (it has " + tasks
                    + ")"));
        }
        if (taskName == null && tasks.size() > 1) {
            throw new IllegalArgumentException("version " + version.id() + " of " + model + " has models of "
                    + tasks + ": choose one with --task-name");
        }
        Path dir = Files.createTempDirectory("embeddings-model-");
        try {
            PublishedModels.copyToLocal(repository, version, taskName == null ? tasks.get(0) : taskName, dir);
            return Predictor.load(dir);
        } finally {
            FileUtil.fullyDelete(dir.toFile());
        }
    }

    private void classify(Predictor predictor, BufferedReader in, PrintWriter out) throws IOException {
        ClassificationReader tokenCheck = new ClassificationReader(false);
        List<String> texts = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (tokenCheck.tokens(line).isEmpty()) {
                throw new IOException(input + ":" + lineNo + ": text has no tokens (letters or digits)");
            }
            texts.add(line);
            if (texts.size() == CHUNK) {
                printLabels(predictor, texts, out);
            }
        }
        printLabels(predictor, texts, out);
    }

    private static void printLabels(Predictor predictor, List<String> texts, PrintWriter out) {
        List<String> labels = predictor.classify(texts);
        for (int i = 0; i < texts.size(); i++) {
            out.append(labels.get(i)).append('\t').append(texts.get(i)).append('\n');
        }
        texts.clear();
    }

    private static void tag(Predictor predictor, BufferedReader in, PrintWriter out) throws IOException {
        List<List<String>> sentences = new ArrayList<>();
        List<String> words = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith(DOCSTART)) {
                words.add(trimmed.split("\\s+", 2)[0]);
                continue;
            }
            if (!words.isEmpty()) {
                sentences.add(words);
                words = new ArrayList<>();
            }
            // Document markers are copied where they stood, so the output lines up with the input.
            if (trimmed.startsWith(DOCSTART) || sentences.size() == CHUNK) {
                printTags(predictor, sentences, out);
            }
            if (trimmed.startsWith(DOCSTART)) {
                out.append(trimmed).append("\n\n");
            }
        }
        if (!words.isEmpty()) {
            sentences.add(words);
        }
        printTags(predictor, sentences, out);
    }

    private static void printTags(Predictor predictor, List<List<String>> sentences, PrintWriter out) {
        if (sentences.isEmpty()) {
            return;
        }
        List<List<String>> tags = predictor.tag(sentences);
        for (int s = 0; s < sentences.size(); s++) {
            for (int t = 0; t < sentences.get(s).size(); t++) {
                out.append(sentences.get(s).get(t)).append(' ').append(tags.get(s).get(t)).append('\n');
            }
            out.append('\n');
        }
        sentences.clear();
    }
}
