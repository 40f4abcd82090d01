package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embeddings.finetune.ConllReader;
import dev.embeddings.finetune.EntityScorer;
import dev.embeddings.finetune.Predictor;
import dev.embeddings.finetune.TagScheme;
import dev.embeddings.finetune.TaggedSentence;
import dev.embeddings.testing.SentimentFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** `finetune` and `predict` through the CLI, training in this JVM (--workers 1) on generated tasks. */
class FineTuneCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void oneNativeThread() {
        // The machine is shared: tiny networks gain nothing from more OpenMP threads.
        Nd4j.getEnvironment().setMaxThreads(1);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    /** The arguments of a tiny, fast run: averaged vectors, a few epochs, larger learning rate. */
    private List<String> tinyRun(Path output, String... extra) throws Exception {
        Path vectors = SentimentFiles.writeVectors(dir.resolve("vectors.txt"), 16, 5);
        Path train = SentimentFiles.write(dir.resolve("train.tsv"), 300, 1);
        Path dev = SentimentFiles.write(dir.resolve("dev.tsv"), 100, 2);
        List<String> args = new ArrayList<>(List.of("finetune", "--task", "classification", "--model", "average",
                "--vectors", vectors.toString(), "--train", train.toString(), "--dev", dev.toString(),
                "--test", dev.toString(), "--epochs", "4", "--batch", "16", "--lr", "0.02", "--dropout", "0.2",
                "--output", output.toString()));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void finetuneAndPredictHaveHelp() {
        for (String command : new String[] {"finetune", "predict"}) {
            Run r = run(command, "--help");
            assertEquals(0, r.status(), command);
            assertTrue(r.out().contains("Usage: embeddings " + command), r.out());
        }
        assertTrue(run("--help").out().contains("finetune"));
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheOption() {
        String[][] cases = {
                {"--task", "parsing", "--task"},
                {"--task", "ner", "--model", "cnn", "--model cnn"},
                {"--task", "classification", "--workers", "0", "--workers"},
                {"--task", "classification", "--init", "frozen", "embedding mode"},
                {"--task", "classification", "--epochs", "0", "epochs"},
                {"--task", "classification", "--max-norm", "-1", "--max-norm"},
                {"--task", "classification", "--embedding-lr", "0", "--embedding-lr must be"},
                {"--task", "classification", "--optimizer", "sgd", "'--optimizer': expected one of [adamw, adam, adadelta]"},
                {"--task", "classification", "--weight-decay", "-0.1", "--weight-decay"},
                {"--task", "classification", "--lr-schedule", "step",
                        "'--lr-schedule': expected one of [constant, linear, cosine]"},
                {"--task", "classification", "--warmup", "2.5", "warmup"},
                {"--task", "classification", "--clip-norm", "-1", "--clip-norm"},
                {"--task", "classification", "--optimizer", "adadelta", "--lr-schedule", "cosine", "adadelta"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("finetune", "--vectors", "v", "--train", "t", "--dev", "d",
                    "--output", dir.resolve("out").toString()));
            args.addAll(List.of(c).subList(0, c.length - 1));
            Run r = run(args.toArray(new String[0]));
            assertEquals(2, r.status(), String.join(" ", c) + ": " + r.err());
            List<String> lines = r.err().lines().toList();
            assertTrue(lines.get(0).contains(c[c.length - 1]), r.err());
            // picocli's own checks add a pointer to the help; nothing else may follow the one line.
            assertTrue(lines.subList(1, lines.size()).stream().allMatch("see 'embeddings finetune --help'"::equals),
                    r.err());
        }
        assertEquals(2, run("finetune", "--task", "ner").status(), "required options missing");
        assertEquals(2, run("predict", "--model", "m").status(), "--input missing");
    }

    @Test
    void aMissingFileFailsWithStatusOneNamingIt() throws Exception {
        List<String> args = tinyRun(dir.resolve("out"));
        Path missing = dir.resolve("no-such-train.tsv");
        args.set(args.indexOf("--train") + 1, missing.toString());
        Run r = run(args.toArray(new String[0]));
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains(missing.toString()) && r.err().contains("--train"), r.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written before the inputs are checked");

        Run noModel = run("predict", "--model", dir.resolve("no-model").toString(), "--input",
                dir.resolve("dev.tsv").toString());
        assertEquals(1, noModel.status());
        assertTrue(noModel.err().contains("no-model") && noModel.err().contains("model.zip missing"), noModel.err());
        Run noInput = run("predict", "--model", dir.toString(), "--input", dir.resolve("no-input.txt").toString());
        assertEquals(1, noInput.status());
        assertTrue(noInput.err().contains("no-input.txt"), noInput.err());
    }

    /**
     * With several workers the run goes to Spark, but its files are checked first: "nowhere" is no Spark master, so a
     * session created before the check would have failed with another error.
     */
    @Test
    void aMissingInputOfADistributedRunFailsNamingItsOptionBeforeSparkStarts() throws Exception {
        for (String option : new String[] {"--train", "--test", "--vectors"}) {
            List<String> args = tinyRun(dir.resolve("out"), "--workers", "2", "--master", "nowhere");
            Path missing = dir.resolve("no-such" + option.substring(1));
            args.set(args.indexOf(option) + 1, missing.toString());
            Run r = run(args.toArray(new String[0]));
            assertEquals(1, r.status(), option + ": " + r.err());
            List<String> lines = r.err().lines().toList();
            assertEquals(1, lines.size(), r.err());
            assertTrue(lines.get(0).startsWith("finetune: error: " + missing) && lines.get(0).contains(option),
                    r.err());
        }
        assertTrue(SparkSession.getActiveSession().filter(s -> !s.sparkContext().isStopped()).isEmpty());
        assertTrue(SparkSession.getDefaultSession().filter(s -> !s.sparkContext().isStopped()).isEmpty());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTinyRunBeatsChanceAndPredictReproducesItsDevAccuracy() throws Exception {
        Path output = dir.resolve("model");
        Run r = run(tinyRun(output, "--init", "static").toArray(new String[0]));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("init") && r.out().contains("static"), r.out());

        JsonNode report = new ObjectMapper().readTree(output.resolve("report.json").toFile());
        double devAccuracy = report.path("dev").path("accuracy").asDouble();
        assertTrue(devAccuracy > 0.8, "dev accuracy " + devAccuracy + " (chance ~0.5)");
        String html = Files.readString(output.resolve("report.html"));
        assertTrue(html.contains("<td>pos</td>") && html.contains("accuracy") && html.contains("weighted avg")
                && html.contains("Confusion matrix"), html);

        Path dev = dir.resolve("dev.tsv");
        Path texts = Files.write(dir.resolve("texts.txt"), SentimentFiles.texts(dev));
        Run predict = run("predict", "--model", output.toString(), "--input", texts.toString());
        assertEquals(0, predict.status(), predict.err());
        List<String> lines = predict.out().lines().toList();
        List<String> gold = SentimentFiles.labels(dev);
        List<String> inputTexts = SentimentFiles.texts(dev);
        assertEquals(gold.size(), lines.size());
        int correct = 0;
        for (int i = 0; i < lines.size(); i++) {
            String[] labelAndText = lines.get(i).split("\t", 2);
            assertEquals(inputTexts.get(i), labelAndText[1]);
            correct += labelAndText[0].equals(gold.get(i)) ? 1 : 0;
        }
        // The saved model is the one that was scored: the same predictions, the same accuracy.
        assertEquals(devAccuracy, (double) correct / gold.size(), 1e-9);
    }

    @Test
    @Timeout(value = 200, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void compareTrainsEachInitialisationAndWritesOneReportPerMode() throws Exception {
        Path output = dir.resolve("compare");
        List<String> args = tinyRun(output, "--compare");
        args.set(args.indexOf("--epochs") + 1, "2");
        Run r = run(args.toArray(new String[0]));
        assertEquals(0, r.status(), r.err());

        JsonNode comparison = new ObjectMapper().readTree(output.resolve("compare.json").toFile());
        assertEquals(List.of("random", "static", "fine-tune"), fieldNames(comparison));
        for (String mode : fieldNames(comparison)) {
            double accuracy = comparison.path(mode).path("test").path("accuracy").asDouble(-1);
            assertTrue(accuracy >= 0 && accuracy <= 1, mode + ": " + accuracy);
            assertTrue(r.out().lines().anyMatch(line -> line.startsWith(mode + " ")), r.out());
            assertTrue(Files.isRegularFile(output.resolve(mode).resolve("model.zip")), mode);
        }
        // Planted cue words sit together in the pretrained vectors: frozen, they already separate the classes.
        assertTrue(comparison.path("static").path("dev").path("accuracy").asDouble() > 0.8, comparison.toString());
    }

    @Test
    @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void outputAppearsOnlyWhenCompleteAndIsReplacedOnlyWithOverwrite() throws Exception {
        Path output = dir.resolve("staged");
        List<String> args = tinyRun(output);
        args.set(args.indexOf("--epochs") + 1, "1");
        // A dev file that turns out malformed only after training started: the run fails and leaves nothing.
        Path badDev = Files.writeString(dir.resolve("bad-dev.tsv"), "pos\tgood film\nno tab on this line\n");
        List<String> failing = new ArrayList<>(args);
        failing.set(failing.indexOf("--dev") + 1, badDev.toString());
        Run failed = run(failing.toArray(new String[0]));
        assertEquals(1, failed.status(), failed.err());
        assertTrue(failed.err().contains("bad-dev.tsv:2"), failed.err());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains("staged")).toList());
        }

        assertEquals(0, run(args.toArray(new String[0])).status());
        Path report = output.resolve("report.json");
        Files.writeString(output.resolve("marker"), "from the first run");
        Run refused = run(args.toArray(new String[0]));
        assertEquals(1, refused.status(), refused.err());
        assertTrue(refused.err().contains("--overwrite"), refused.err());
        assertTrue(Files.exists(output.resolve("marker")), "a refused run leaves the old output alone");

        args.add("--overwrite");
        Run replaced = run(args.toArray(new String[0]));
        assertEquals(0, replaced.status(), replaced.err());
        assertTrue(Files.isRegularFile(report) && Files.isRegularFile(output.resolve("model.zip")));
        assertFalse(Files.exists(output.resolve("marker")), "--overwrite replaces the whole directory");
        assertTrue(replaced.out().contains(output.toString()), replaced.out());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no staging or replaced directories left behind");
        }
    }

    @Test
    @Timeout(value = 200, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTinyNerRunFindsNamesAndPredictTagsCoNllWordsAsScored() throws Exception {
        Path vectors = SentimentFiles.writeVectors(dir.resolve("vectors.txt"), 16, 5);
        Path train = writeNames(dir.resolve("train.conll"), 120, 1);
        Path dev = writeNames(dir.resolve("dev.conll"), 40, 2);
        Path output = dir.resolve("ner");
        Run r = run("finetune", "--task", "ner", "--init", "random", "--vectors", vectors.toString(), "--train",
                train.toString(), "--dev", dev.toString(), "--epochs", "1", "--batch", "20", "--lr", "0.02",
                "--output", output.toString());
        assertEquals(0, r.status(), r.err());
        double f1 = new ObjectMapper().readTree(output.resolve("report.json").toFile()).path("dev").path("f1")
                .asDouble();
        assertTrue(f1 > 0.5, "entity F1 " + f1);

        // predict reads the words (first column) and writes 'word tag' lines in CoNLL layout.
        Path words = Files.write(dir.resolve("words.txt"), Files.readAllLines(dev).stream()
                .map(line -> line.isEmpty() ? line : line.split(" ")[0]).toList());
        Run predict = run("predict", "--model", output.toString(), "--input", words.toString());
        assertEquals(0, predict.status(), predict.err());
        List<TaggedSentence> gold = new ConllReader(TagScheme.IOB2).read(dev);
        List<TaggedSentence> predicted = new ConllReader(TagScheme.IOB2)
                .read(Files.writeString(dir.resolve("predicted.conll"), predict.out()));
        assertEquals(gold.size(), predicted.size());
        EntityScorer scorer = new EntityScorer();
        for (int i = 0; i < gold.size(); i++) {
            assertEquals(gold.get(i).words(), predicted.get(i).words());
            scorer.add(gold.get(i).tags(), predicted.get(i).tags());
        }
        assertEquals(f1, scorer.report().f1(), 1e-9);
        assertEquals(f1, Predictor.load(output).evaluate(dev, TagScheme.IOB2).headline(), 1e-9,
                "evaluate scores a saved tagger as training scored dev (refresh's downstream gate re-scores so)");
    }

    /** CoNLL 'word tag' sentences: lower-case noise words around one capitalised person name (B-PER). */
    private static Path writeNames(Path file, int sentences, long seed) throws Exception {
        String[] names = {"Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid"};
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            int length = 3 + random.nextInt(5);
            int name = random.nextInt(length);
            for (int t = 0; t < length; t++) {
                lines.add(t == name ? names[random.nextInt(names.length)] + " B-PER"
                        : "noise" + random.nextInt(30) + " O");
            }
            lines.add("");
        }
        return Files.write(file, lines);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
