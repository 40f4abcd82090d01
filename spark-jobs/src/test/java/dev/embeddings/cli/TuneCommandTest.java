package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.finetune.FineTuneReport;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.testing.SentimentFiles;
import dev.embeddings.testing.TestSpark;
import dev.embeddings.tune.SearchSettings;
import dev.embeddings.tune.Trial;
import dev.embeddings.tune.TrialLog;
import dev.embeddings.tune.Tunable;
import dev.embeddings.tune.TuneJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tune} on the planted sample in real local Spark: trials run as concurrent jobs in their own job groups,
 * halving trains fewer epochs than the grid, a rerun resumes without retraining finished trials, best.properties is
 * a word2vec --config file, and bad input fails in one line naming what to fix.
 */
@Timeout(600)
class TuneCommandTest {

    private static final String SPACE = "{\"dim\": {\"choice\": [8, 16]}, \"lr\": {\"loguniform\": [0.01, 0.1]}, "
            + "\"window\": {\"int\": [2, 5]}}";

    @TempDir
    static Path dir;
    private static Path corpus;
    private static Path analogies;
    private static Path space;

    @BeforeAll
    static void plantedCorpus() throws IOException {
        Path sample = dir.resolve("sample");
        assertEquals(0, SmallVectors.run("sample", "--output", sample.toString(), "--sentences", "20000").status());
        corpus = dir.resolve("corpus");
        assertEquals(0, SmallVectors.run("corpus", "--input", sample.resolve("planted.txt.gz").toString(),
                "--output", corpus.toString(), "--shards", "2", "--master", "local[2]").status());
        analogies = sample.resolve("planted-analogies.txt");
        space = Files.writeString(dir.resolve("space.json"), SPACE);
    }

    /**
     * The command line of a small search into {@code out}; {@code changes} are options and values that replace its
     * own (an empty value leaves the option out).
     */
    private static List<String> tune(Path out, String... changes) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        List<String> given = List.of("--corpus", corpus.toString(), "--space", space.toString(), "--out",
                out.toString(), "--analogy", analogies.toString(), "--trials", "4", "--parallel", "2", "--min-epochs",
                "1", "--epochs", "2", "--eta", "2", "--threads", "1", "--seed", "5", "--master", "local[2]");
        for (List<String> pairs : List.of(given, List.of(changes))) {
            for (int i = 0; i < pairs.size(); i += 2) {
                options.put(pairs.get(i), pairs.get(i + 1));
            }
        }
        List<String> args = new ArrayList<>(List.of("tune"));
        options.forEach((option, value) -> {
            if (!value.isEmpty()) {
                args.addAll(List.of(option, value));
            }
        });
        return args;
    }

    /** Each job's group and its start and end, recorded on the Spark session the command then uses. */
    private static final class JobGroups extends SparkListener {
        final List<String> groups = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, long[]> times = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<Integer, String> groupOf = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            String group = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
            groups.add(group);
            groupOf.put(start.jobId(), String.valueOf(group));
            times.put(start.jobId(), new long[] {start.time(), Long.MAX_VALUE});
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd end) {
            times.get(end.jobId())[1] = end.time();
        }

        /** Whether two jobs of different groups ran at the same time. */
        boolean overlapped() {
            for (var a : times.entrySet()) {
                for (var b : times.entrySet()) {
                    if (!groupOf.get(a.getKey()).equals(groupOf.get(b.getKey()))
                            && a.getValue()[0] < b.getValue()[1] && b.getValue()[0] < a.getValue()[1]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    @Test
    void searchesInConcurrentJobsResumesWithoutRetrainingAndWritesAConfigWord2VecLoads() throws Exception {
        Path out = dir.resolve("search");
        SparkSession session = TestSpark.local();
        JobGroups jobs = new JobGroups();
        session.sparkContext().addSparkListener(jobs);
        SmallVectors.Run run = SmallVectors.run(tune(out).toArray(new String[0]));
        assertEquals(0, run.status(), run.err() + run.out());
        // Rungs of 1 and 2 epochs: 4 configurations, then the best 2 of them.
        List<Trial> trials = new TrialLog(out).read();
        assertEquals(6, trials.size(), run.out());
        assertEquals(4 + 2 * 2, trials.stream().mapToInt(Trial::epochs).sum());
        assertTrue(trials.stream().allMatch(Trial::completed), run.out());
        assertTrue(run.out().contains("6 trial(s), 0 resumed from " + out + "; 8 trial-epochs"), run.out());
        Set<String> expectedGroups = trials.stream().map(t -> "tune-trial-" + t.id() + "-rung-" + t.rung())
                .collect(Collectors.toSet());
        assertEquals(expectedGroups, jobs.groups.stream().filter(g -> g != null && g.startsWith("tune-"))
                .collect(Collectors.toSet()));
        assertTrue(jobs.overlapped(), "no two trials' jobs ran at the same time");
        String table = Files.readString(out.resolve("trials.md"));
        assertTrue(run.out().contains(table), run.out());
        assertTrue(table.lines().anyMatch(l -> l.startsWith("| *")), table);
        assertTrue(Files.readString(out.resolve("report.html")).contains("<polyline class=\"series\""));

        // A crash before the last rung finished: its trials are not in the log; the rerun trains only them.
        List<String> lines = Files.readAllLines(out.resolve(TrialLog.FILE));
        Files.write(out.resolve(TrialLog.FILE), lines.subList(0, 4));
        SmallVectors.Run resumed = SmallVectors.run(tune(out, "--parallel", "1").toArray(new String[0]));
        assertEquals(0, resumed.status(), resumed.err());
        List<Trial> after = new TrialLog(out).read();
        assertEquals(trials.subList(0, 4), after.subList(0, 4), "the finished trials were kept as they were");
        assertEquals(2, resumed.out().lines().filter(l -> l.startsWith("  trial ")).count(), resumed.out());
        assertTrue(resumed.out().contains("6 trial(s), 4 resumed"), resumed.out());
        assertEquals(trials.subList(4, 6).stream().map(Trial::key).collect(Collectors.toSet()),
                after.subList(4, 6).stream().map(Trial::key).collect(Collectors.toSet()));

        // Another search in the same --out is refused, naming the setting that differs.
        SmallVectors.Run other = SmallVectors.run(tune(out, "--trials", "5").toArray(new String[0]));
        assertEquals(2, other.status(), other.err());
        assertEquals("tune: error: --out " + out + " holds a search with other settings (trials was 4, now 5); "
                + "resume it with the same settings, or give a new --out", other.err().lines().findFirst().get());

        // best.properties trains the winner with word2vec --config.
        Properties best = new Properties();
        try (Reader in = Files.newBufferedReader(out.resolve("best.properties"), StandardCharsets.UTF_8)) {
            best.load(in);
        }
        Trial winner = after.stream().filter(t -> t.rung() == 1).max(java.util.Comparator.comparing(Trial::objective))
                .orElseThrow();
        assertEquals(String.valueOf(winner.parameters().get("dim")), best.getProperty("dim"));
        assertEquals("2", best.getProperty("epochs"));
        Path vectors = dir.resolve("best-vectors");
        SmallVectors.Run word2vec = SmallVectors.run("word2vec", "--config", out.resolve("best.properties")
                .toString(), "--corpus", corpus.toString(), "--output", vectors.toString(), "--master", "local[2]");
        assertEquals(0, word2vec.status(), word2vec.err());
        try (InputStream in = Files.newInputStream(vectors.resolve(VectorsManifest.FILE))) {
            Map<?, ?> parameters = (Map<?, ?>) Json.MAPPER.readValue(in, Map.class).get("parameters");
            assertNotNull(parameters);
            assertEquals(winner.parameters().get("dim"), parameters.get("dim"));
            assertEquals(winner.parameters().get("window"), parameters.get("window"));
            assertEquals(winner.parameters().get("lr"), parameters.get("learningRate"));
        }
        // The trials' vectors were deleted once scored.
        try (var left = Files.list(out.resolve("work"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void theGridTrainsEveryPointForTheFullEpochs() throws IOException {
        Path out = dir.resolve("grid");
        SmallVectors.Run run = SmallVectors.run(tune(out, "--search", "grid", "--grid-points", "2").toArray(
                new String[0]));
        assertEquals(0, run.status(), run.err());
        List<Trial> trials = new TrialLog(out).read();
        // dim's 2 choices x window's 2 points x lr's 2 points, each at 2 epochs.
        assertEquals(8, trials.size());
        assertTrue(trials.stream().allMatch(t -> t.epochs() == 2 && t.rung() == 0));
        assertTrue(run.out().contains("8 trial(s), 0 resumed from " + out + "; 16 trial-epochs"), run.out());
    }

    private static String error(int status, Path out, String... more) {
        SmallVectors.Run run = SmallVectors.run(tune(out, more).toArray(new String[0]));
        assertEquals(status, run.status(), run.err());
        return run.err().lines().findFirst().orElseThrow();
    }

    @Test
    void badInputFailsInOneLineBeforeSparkStarts() throws IOException {
        Path out = dir.resolve("bad");
        Path unknown = Files.writeString(dir.resolve("unknown.json"), "{\"learning-rate\": {\"uniform\": [0.01, 0.1]}}");
        assertTrue(error(2, out, "--space", unknown.toString()).startsWith("tune: error: search space " + unknown
                + ": learning-rate: unknown parameter; tunable: model, loss, dim"));
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"window\": {\"int\": [8, 2]}}");
        assertEquals("tune: error: search space " + empty + ": window: empty range [8, 2]: low is above high",
                error(2, out, "--space", empty.toString()));
        Path testSet = Files.copy(analogies, dir.resolve("analogies-test.txt"));
        assertTrue(error(2, out, "--analogy", testSet.toString()).startsWith("tune: error: --analogy " + testSet
                + " looks like a test set"));
        assertEquals("tune: error: --objective similarity needs at least one --similarity dev set",
                error(2, out, "--objective", "similarity"));
        assertEquals("tune: error: --min-epochs must be in [1, 2], got 3", error(2, out, "--min-epochs", "3"));
        assertEquals("tune: error: --restrict must be at least 1, got 0", error(2, out, "--restrict", "0"));
        assertEquals("tune: error: --objective finetune needs a downstream task: --downstream NAME, its finetune "
                + "options as --config keys downstream.NAME.OPTION (task, train, dev, ...)",
                error(2, out, "--objective", "finetune", "--analogy", ""));
        assertTrue(error(1, out, "--space", dir.resolve("missing.json").toString()).contains("missing.json (--space)"));
        assertTrue(Files.notExists(out), "nothing written");
    }

    /** A --config file declaring the task sentiment, small and fast, on {@code dev}; {@code more} lines added. */
    private static Path sentimentTask(String dev, String... more) throws IOException {
        Path train = SentimentFiles.write(dir.resolve("sentiment-train.tsv"), 300, 1);
        SentimentFiles.write(dir.resolve("sentiment-dev.tsv"), 100, 2);
        List<String> lines = new ArrayList<>(List.of("downstream.sentiment.task = classification",
                "downstream.sentiment.model = average", "downstream.sentiment.train = " + train,
                "downstream.sentiment.dev = " + dir.resolve(dev), "downstream.sentiment.epochs = 1",
                "downstream.sentiment.batch = 16", "downstream.sentiment.lr = 0.002"));
        lines.addAll(List.of(more));
        return Files.write(dir.resolve("tune-" + dev + more.length + ".properties"), lines);
    }

    /** Options of a finetune-scored search on the task of {@code config}: no analogy set. */
    private static String[] finetune(Path config, String... more) {
        List<String> changes = new ArrayList<>(List.of("--objective", "finetune", "--downstream", "sentiment",
                "--config", config.toString(), "--analogy", ""));
        changes.addAll(List.of(more));
        return changes.toArray(String[]::new);
    }

    @Test
    void finetuneScoresEachTrialByItsDownstreamTasksDevScore() throws IOException {
        Path out = dir.resolve("finetune");
        SmallVectors.Run run = SmallVectors.run(tune(out, finetune(sentimentTask("sentiment-dev.tsv"), "--trials",
                "2", "--min-epochs", "1", "--epochs", "1")).toArray(new String[0]));
        assertEquals(0, run.status(), run.err() + run.out());
        List<Trial> trials = new TrialLog(out).read();
        assertEquals(2, trials.size(), run.out());
        for (Trial trial : trials) {
            assertTrue(trial.completed(), run.out());
            FineTuneReport report = FineTuneReport.read(out.resolve(TuneJob.FINETUNE_REPORTS)
                    .resolve("trial-" + trial.id() + "-rung-0.json"));
            double dev = report.dev().headline();
            assertTrue(dev > 0 && dev <= 1, "dev score " + dev);
            assertEquals(dev, trial.objective(), 1e-12, "the trial's objective is its fine-tune's dev score");
            assertNull(report.test(), "no test set was scored");
        }
        assertEquals("finetune", Json.MAPPER.readTree(out.resolve(SearchSettings.FILE).toFile()).get("objective")
                .asText().toLowerCase(java.util.Locale.ROOT));
        assertTrue(Files.readString(out.resolve("best.properties")).contains("finetune objective"), run.out());
        assertTrue(run.out().contains("best: trial "), run.out());
    }

    @Test
    void aBadDownstreamTaskFailsInOneLineBeforeSparkStarts() throws IOException {
        Path out = dir.resolve("bad-finetune");
        Path dev = sentimentTask("sentiment-dev.tsv");
        assertTrue(error(1, out, finetune(sentimentTask("missing-dev.tsv"))).contains("downstream task sentiment: "
                + dir.resolve("missing-dev.tsv") + ": --dev file not found"));
        Files.copy(dir.resolve("sentiment-dev.tsv"), dir.resolve("sentiment-test.tsv"));
        assertTrue(error(2, out, finetune(sentimentTask("sentiment-test.tsv"))).startsWith("tune: error: "
                + "--downstream sentiment: its dev file " + dir.resolve("sentiment-test.tsv") + " looks like a test "
                + "set"));
        assertEquals("tune: error: --downstream sentiment is not scored by --objective analogy; leave it out or score "
                + "by its objective", error(2, out, finetune(dev, "--objective", "analogy", "--analogy",
                analogies.toString())));
        assertEquals("tune: error: --downstream sentiment: tune scores the dev file only; leave "
                + "downstream.sentiment.test out, so that the test set stays unseen until the final evaluation",
                error(2, out, finetune(sentimentTask("sentiment-dev.tsv", "downstream.sentiment.test = "
                        + dir.resolve("sentiment-test.tsv")))));
        assertEquals("tune: error: --downstream sentiment: tune scores vectors by fine-tuning them; leave "
                + "downstream.sentiment.init at fine-tune", error(2, out, finetune(sentimentTask("sentiment-dev.tsv",
                "downstream.sentiment.init = static"))));
        assertTrue(Files.notExists(out), "nothing written");
    }

    @Test
    void everyTunableParameterIsAWord2VecOption() {
        CommandLine word2vec = Main.commandLine(new Main()).getSubcommands().get("word2vec");
        for (Tunable parameter : Tunable.values()) {
            assertNotNull(word2vec.getCommandSpec().findOption("--" + parameter.option()), parameter.option());
        }
    }
}
