package dev.embeddings.cli;

import dev.embeddings.finetune.ClassificationReader;
import dev.embeddings.finetune.Predictor;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply a model saved by `finetune` to new text; results go to standard output.",
                "Classification: one text per line in, label<TAB>text out (blank lines skipped). NER: CoNLL "
                        + "words in (first column; blank lines between sentences), 'word tag' lines out."})
final class PredictCommand implements Callable<Integer> {

    /** Lines or sentences predicted together: bounds memory on large inputs. */
    private static final int CHUNK = 1000;
    private static final String DOCSTART = "-DOCSTART-";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A finetune output directory.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Text to label.")
    Path input;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString(), null, "--input file not found");
        }
        Predictor predictor = Predictor.load(model);
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
