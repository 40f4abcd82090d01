package dev.embeddings.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.cli.Main;
import dev.embeddings.corpus.SyntheticCorpus;
import dev.embeddings.finetune.Predictor;
import dev.embeddings.finetune.TagScheme;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.publish.PublishConfig;
import dev.embeddings.publish.PublishedModels;
import dev.embeddings.publish.PublishedVersion;
import dev.embeddings.publish.VectorsRepository;
import dev.embeddings.testing.ChildJob;
import dev.embeddings.testing.SentimentFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `embeddings refresh --downstream` end to end on Spark local[2]: a generated two-class task fine-tuned on each new
 * version, gated against the current version's model, published in the version, and used by `predict`.
 */
@Timeout(300)
class DownstreamRefreshTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    /** The planted corpus ({@code sentences} lines of seed {@code seed}) in its own directory; returns the file. */
    private String text(String name, long seed, int sentences) throws IOException {
        SyntheticCorpus.standard(seed).writeTo(dir.resolve(name), sentences);
        return dir.resolve(name).resolve(SyntheticCorpus.CORPUS_FILE).toString();
    }

    /** A config file declaring the task {@code name} on the generated sentiment files, small and fast settings. */
    private String config(String tasks, String... more) throws IOException {
        Path train = SentimentFiles.write(dir.resolve("train.tsv"), 300, 1);
        Path dev = SentimentFiles.write(dir.resolve("dev.tsv"), 100, 2);
        List<String> lines = new ArrayList<>(List.of("downstream = " + tasks,
                "downstream.sentiment.task = classification", "downstream.sentiment.model = average",
                "downstream.sentiment.train = " + train, "downstream.sentiment.dev = " + dev,
                "downstream.sentiment.epochs = 4", "downstream.sentiment.batch = 16",
                "downstream.sentiment.lr = 0.02", "downstream.sentiment.dropout = 0.2"));
        lines.addAll(List.of(more));
        return Files.write(dir.resolve("refresh.properties"), lines).toString();
    }

    /** A refresh with {@code config} (null: none, so no downstream task). */
    private Run refresh(String input, String config, String... more) {
        List<String> args = new ArrayList<>(List.of("refresh", "--master", "local[2]", "--input", input, "--root",
                root(), "--dim", "20", "--epochs", "1", "--threads", "1", "--shards", "2"));
        if (config != null) {
            args.addAll(List.of("--config", config));
        }
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    private String root() {
        return dir.resolve("root").toString();
    }

    private String latest() throws IOException {
        return Files.readString(dir.resolve("root/LATEST")).trim();
    }

    private List<String> versionDirectories() throws IOException {
        try (Stream<Path> versions = Files.list(dir.resolve("root/versions"))) {
            return versions.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static RefreshRecord record(Path version) throws IOException {
        try (InputStream in = Files.newInputStream(version.resolve(RefreshRecord.FILE))) {
            return Json.read(in, RefreshRecord.class, RefreshRecord.FILE);
        }
    }

    @Test
    void modelsArePublishedWithTheirVectorsAndAWorseModelWithholdsTheVersion() throws IOException {
        String config = config("sentiment");
        String first = text("text", 7, 4_000);
        assertEquals(0, refresh(first, null).status(), "version 000001: vectors alone");

        // The same input: not unchanged for a task version 000001 has no model of.
        Run published = refresh(first, config);
        assertEquals(0, published.status(), published.err());
        assertTrue(published.out().contains("published version 000002"), published.out());
        assertTrue(published.out().contains("downstream sentiment (classification, average)"), published.out());
        Run unchanged = refresh(first, config);
        assertTrue(unchanged.out().startsWith("unchanged"), unchanged.out());

        VectorsRepository repository = VectorsRepository.open(PublishConfig.of(root()), new Configuration());
        PublishedVersion v2 = repository.current().orElseThrow();
        assertEquals("000002", v2.id());
        List<String> files = v2.manifest().files().stream().map(VectorsManifest.FileEntry::name).toList();
        for (String file : List.of("model.zip", "vocab.tsv", "labels.txt", "model.json", "report.json",
                "report.html")) {
            assertTrue(files.contains(PublishedModels.entry("sentiment", file)), "the manifest lists " + file + ": "
                    + files);
        }
        assertTrue(files.contains(VectorsManifest.BINARY), files.toString());
        assertEquals(List.of("sentiment"), PublishedModels.tasks(v2.manifest()));
        DownstreamResult trained = record(dir.resolve("root/versions/000002")).downstream().get(0);
        assertNull(trained.previousScore(), "no earlier model to beat");
        assertTrue(trained.passed());
        assertTrue(trained.devScore() > 0.9, "the cues are learnable: dev " + trained.devScore());
        Path model = dir.resolve("root/versions/000002/models/sentiment");
        assertEquals(trained.devScore(), Predictor.load(model).evaluate(dir.resolve("dev.tsv"), TagScheme.IOB2)
                .headline(), 1e-9, "the recorded score is the saved model's, scored as the gate re-scores it");

        // predict --model ROOT takes LATEST's model: the same labels as the version's model directory gives.
        Path input = Files.write(dir.resolve("input.txt"), SentimentFiles.texts(dir.resolve("dev.tsv")));
        Run fromRoot = cli("predict", "--model", root(), "--input", input.toString());
        assertEquals(0, fromRoot.status(), fromRoot.err());
        assertEquals(cli("predict", "--model", model.toString(), "--input", input.toString()).out(), fromRoot.out());
        List<String> labels = fromRoot.out().lines().map(l -> l.substring(0, l.indexOf('\t'))).toList();
        List<String> gold = SentimentFiles.labels(dir.resolve("dev.tsv"));
        long right = java.util.stream.IntStream.range(0, gold.size()).filter(i -> gold.get(i).equals(labels.get(i)))
                .count();
        assertTrue(right > 0.9 * gold.size(), right + " of " + gold.size() + " right");
        Run unknownTask = cli("predict", "--model", root(), "--task-name", "ner", "--input", input.toString());
        assertEquals(2, unknownTask.status());
        assertTrue(unknownTask.err().contains("no model of --task-name ner (it has [sentiment])"), unknownTask.err());

        // New input, and a tolerance demanding a 100-point gain: the new model cannot pass, so nothing is published.
        String both = first + "," + text("more", 8, 1_000);
        Run withheld = refresh(both, config, "--downstream-tolerance", "-100");
        assertEquals(3, withheld.status(), withheld.out() + withheld.err());
        assertTrue(withheld.out().contains("refused: the quality gate kept version 000002: downstream task sentiment "
                + "scored"), withheld.out());
        assertEquals("000002", latest());
        assertEquals(List.of("000001", "000002"), versionDirectories());
        DownstreamResult refused = record(dir.resolve("root/.refresh-work/version")).downstreamRefusal()
                .orElseThrow();
        assertEquals("sentiment", refused.task());
        assertEquals(trained.devScore(), refused.previousScore(), 1e-9,
                "the previous model re-scored on the same dev file");

        Run updated = refresh(both, config, "--downstream-tolerance", "100");
        assertEquals(0, updated.status(), updated.out() + updated.err());
        assertEquals("000003", latest());
        DownstreamResult second = record(dir.resolve("root/versions/000003")).downstream().get(0);
        assertEquals(trained.devScore(), second.previousScore(), 1e-9);
        assertTrue(second.passed());
        assertFalse(Files.exists(dir.resolve("root/.refresh-work")), "the work directory is cleaned up");
    }

    @Test
    void aFailedFineTuneLeavesNoVersion() throws IOException {
        List<String> devLines = new ArrayList<>(Files.readAllLines(SentimentFiles.write(dir.resolve("bad-dev.tsv"),
                50, 3)));
        devLines.set(40, "pos a line without its tab");
        Path badDev = Files.write(dir.resolve("bad-dev.tsv"), devLines);
        String config = config("sentiment,broken", "downstream.broken.task = classification",
                "downstream.broken.model = average", "downstream.broken.train = " + dir.resolve("train.tsv"),
                "downstream.broken.dev = " + badDev, "downstream.broken.epochs = 1");

        Run failed = refresh(text("text", 7, 2_000), config);
        assertEquals(1, failed.status(), failed.out());
        assertTrue(failed.err().contains("bad-dev.tsv:41: expected 'label<TAB>text'"), failed.err());
        assertFalse(Files.exists(dir.resolve("root/LATEST")), "nothing was published");
        assertFalse(Files.exists(dir.resolve("root/versions")), "no version, not even one without its models");
        try (Stream<Path> work = Files.list(dir.resolve("root/.refresh-work"))) {
            List<String> left = work.map(p -> p.getFileName().toString()).collect(Collectors.toList());
            assertFalse(left.stream().anyMatch(n -> n.startsWith("version") || n.startsWith(".version")),
                    "the half-written version was removed: " + left);
        }
    }

    @Test
    void aKilledFineTuneLeavesNoVersionAndTheNextRunPublishes() throws Exception {
        String input = text("text", 7, 2_000);
        // Long enough to be killed while it trains.
        String slow = config("sentiment", "downstream.sentiment.epochs = 1000", "downstream.sentiment.patience = 1000");
        try (ChildJob child = ChildJob.start(dir.resolve("child.log"), "refresh", "--master", "local[2]", "--input",
                input, "--root", root(), "--config", slow, "--dim", "20", "--epochs", "1", "--threads", "1",
                "--shards", "2")) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!child.log().contains("LocalTrainer: epoch 2:")) {
                assertTrue(System.nanoTime() < deadline, "fine-tuning did not start:\n" + child.log());
                Thread.sleep(50);
            }
            child.kill();
        }
        assertFalse(Files.exists(dir.resolve("root/LATEST")), "nothing was published");
        assertFalse(Files.exists(dir.resolve("root/versions")), "no version, not even one without its model");

        Run next = refresh(input, config("sentiment"));
        assertEquals(0, next.status(), next.err());
        assertEquals("000001", latest());
        assertEquals(List.of("sentiment"), PublishedModels.tasks(VectorsRepository.open(PublishConfig.of(root()),
                new Configuration()).current().orElseThrow().manifest()));
        assertFalse(Files.exists(dir.resolve("root/.refresh-work")), "the killed run's staging went with the work "
                + "directory");
    }

    private Run badConfig(String... lines) throws IOException {
        return cli("refresh", "--input", dir.resolve("none").toString(), "--root", root(), "--config",
                config("sentiment", lines));
    }

    @Test
    void badDownstreamSettingsFailInOneLineBeforeAnyWork() throws IOException {
        String[][] cases = {
                {"2", "unknown key 'downstream.sentiment.epochz': not a finetune option (did you mean epochs?)",
                        "downstream.sentiment.epochz = 3"},
                {"2", "downstream task sentiment: Invalid value for option '--task'",
                        "downstream.sentiment.task = parsing"},
                {"2", "key 'downstream.sentimnet.dev' names no task of --downstream [sentiment]",
                        "downstream.sentimnet.dev = x"},
                {"2", "key 'downstream.sentiment.output': refresh and tune set vectors and output themselves",
                        "downstream.sentiment.output = x"},
                {"1", "downstream task sentiment: " + dir.resolve("no-dev.tsv") + ": --dev file not found",
                        "downstream.sentiment.dev = " + dir.resolve("no-dev.tsv")},
                {"2", "--downstream-tolerance", "downstream-tolerance = 500"},
        };
        for (String[] c : cases) {
            Run run = badConfig(c[2]);
            assertEquals(Integer.parseInt(c[0]), run.status(), c[2] + ": " + run.err());
            assertTrue(run.err().contains(c[1]), c[2] + ": " + run.err());
            assertTrue(run.err().lines().findFirst().orElseThrow().contains(c[1]), "said on the first line: "
                    + run.err());
        }
        Run unset = cli("refresh", "--input", dir.resolve("none").toString(), "--root", root(), "--downstream", "ner");
        assertEquals(2, unset.status());
        assertTrue(unset.err().contains("--downstream ner: no downstream.ner.* keys in a --config file (none given)"),
                unset.err());
        assertFalse(Files.exists(dir.resolve("root")), "nothing was created");
    }
}
