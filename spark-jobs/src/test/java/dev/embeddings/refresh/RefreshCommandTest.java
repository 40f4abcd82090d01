package dev.embeddings.refresh;

import dev.embeddings.align.AlignmentReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.cli.Main;
import dev.embeddings.corpus.CountReuse;
import dev.embeddings.corpus.SyntheticCorpus;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.publish.ManifestChecksums;
import dev.embeddings.publish.PublishConfig;
import dev.embeddings.publish.PublishLock;
import dev.embeddings.publish.PublishedVersion;
import dev.embeddings.publish.VectorsDirectories;
import dev.embeddings.publish.VectorsRepository;
import dev.embeddings.report.RunReport;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `embeddings refresh` end to end on Spark local[2]: publish, no-op re-run, quality gate, warm-started update. */
@Timeout(600)
class RefreshCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run refresh(String input, double maxDrop, String... more) {
        List<String> args = new ArrayList<>(List.of("refresh",
                "--master", "local[2]", "--input", input, "--root", dir.resolve("root").toString(),
                "--analogies", dir.resolve("text").resolve(SyntheticCorpus.ANALOGY_FILE).toString(),
                "--max-drop", Double.toString(maxDrop), "--dim", "30", "--epochs", "2", "--workers", "2",
                "--syncs-per-epoch", "4", "--threads", "1", "--shards", "2", "--keep", "3"));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    private RefreshRecord record(String version) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve("root/versions").resolve(version)
                .resolve(RefreshRecord.FILE))) {
            return Json.read(in, RefreshRecord.class, RefreshRecord.FILE);
        }
    }

    private String latest() throws IOException {
        return Files.readString(dir.resolve("root/LATEST")).trim();
    }

    @Test
    void publishesSkipsUnchangedInputGatesOnAccuracyAndWarmStartsUpdates() throws IOException {
        SyntheticCorpus.standard(7).writeTo(dir.resolve("text"), 20_000);
        String first = dir.resolve("text").resolve(SyntheticCorpus.CORPUS_FILE).toString();

        Run published = refresh(first, 1.0);
        assertEquals(0, published.status(), published.err());
        assertTrue(published.out().contains("published version 000001"), published.out());
        RefreshRecord initial = record("000001");
        assertNull(initial.previousVersion());
        assertNotNull(initial.accuracy(), "evaluated on the planted analogies");
        assertEquals(new CountReuse(1, 0, 1, 0, 0), initial.counts());
        assertFalse(Files.exists(dir.resolve("root/.refresh-work")), "the work directory is cleaned up");

        Run unchanged = refresh(first, 1.0);
        assertEquals(0, unchanged.status(), unchanged.err());
        assertTrue(unchanged.out().startsWith("unchanged"), unchanged.out());
        assertEquals(List.of("000001"), List.of(Files.list(dir.resolve("root/versions")).map(p -> p.getFileName()
                .toString()).sorted().toArray()));

        // More input: a second file. A gate demanding a 100-point improvement must refuse, keeping version 1.
        Path more = dir.resolve("more");
        SyntheticCorpus.standard(8).writeTo(more, 5_000);
        String both = first + "," + more.resolve(SyntheticCorpus.CORPUS_FILE);
        Run refused = refresh(both, -100);
        assertEquals(3, refused.status(), refused.out() + refused.err());
        assertTrue(refused.out().contains("refused"), refused.out());
        assertEquals("000001", latest());

        Run updated = refresh(both, 100);
        assertEquals(0, updated.status(), updated.err());
        assertEquals("000002", latest());
        RefreshRecord second = record("000002");
        assertEquals("000001", second.previousVersion());
        assertNotNull(second.previousAccuracy());
        assertEquals(2, second.inputs().size());
        // The refused run counted the new file and cached its counts, so this one counted nothing.
        assertEquals(new CountReuse(2, 2, 0, 0, 0), second.counts());
        try (Stream<Path> entries = Files.list(dir.resolve("root/.refresh-cache/counts"))) {
            assertEquals(2, entries.count(), "one cache entry per input file");
        }
        AlignmentReport alignment = second.alignment();
        assertEquals("000001", alignment.alignedTo());
        assertTrue(alignment.sharedWords() > 100, "aligned over the shared vocabulary: " + alignment.sharedWords());
        // Warm-started from version 1, then trained more on similar text: shared words barely move on average.
        assertTrue(alignment.meanDrift() < 0.5, "mean drift " + alignment.meanDrift());
        assertTrue(alignment.meanDrift() <= alignment.meanUnalignedDrift() + 1e-6, "the rotation minimises drift");
        assertTrue(alignment.topMovers().get(0).drift() >= alignment.topMovers().get(1).drift());
    }

    /**
     * A from-scratch retrain with another seed lands in an arbitrary rotation of the previous space; the published
     * version must be rotated back. Measured on the published files themselves, so publishing the vectors as trained
     * (alignment only reported) fails this test.
     */
    @Test
    void publishedVectorsAreRotatedIntoThePreviousVersionsSpace() throws IOException {
        SyntheticCorpus.standard(7).writeTo(dir.resolve("text"), 10_000);
        String first = dir.resolve("text").resolve(SyntheticCorpus.CORPUS_FILE).toString();
        assertEquals(0, refresh(first, 100).status());
        Path more = dir.resolve("more");
        SyntheticCorpus.standard(8).writeTo(more, 2_500);
        Run retrained = refresh(first + "," + more.resolve(SyntheticCorpus.CORPUS_FILE), 100, "--warm-start",
                "false", "--seed", "2", "--parquet");
        assertEquals(0, retrained.status(), retrained.err());
        assertTrue(retrained.out().contains("aligned to version 000001"), retrained.out());

        VectorsRepository repository = VectorsRepository.open(PublishConfig.of(dir.resolve("root").toString()),
                new Configuration());
        PublishedVersion v1 = version(repository, "000001");
        PublishedVersion v2 = repository.current().orElseThrow();
        assertEquals("000002", v2.id());
        Set<String> listed = v2.manifest().files().stream().map(VectorsManifest.FileEntry::name)
                .collect(Collectors.toSet());
        assertTrue(listed.containsAll(Set.of(VectorsManifest.BINARY, VectorsManifest.TEXT, VectorsManifest.VOCABULARY,
                VectorsManifest.PARQUET + "/", AlignmentReport.DRIFT_FILE, RefreshRecord.FILE, RunReport.FILE)),
                "the manifest checksums every published file: " + listed);

        AlignmentReport alignment = record("000002").alignment();
        assertEquals(alignment, v2.manifest().metrics().alignment(), "the manifest records refresh.json's alignment");
        assertEquals(AlignmentReport.DRIFT_FILE, alignment.driftFile());
        // Another seed from scratch: unaligned, a word's two vectors are far apart (how far varies with the
        // threads' interleaving); aligned, at most half as far.
        assertTrue(alignment.meanUnalignedDrift() > 0.4, "unaligned drift " + alignment.meanUnalignedDrift());
        assertTrue(alignment.meanDrift() < 0.5 * alignment.meanUnalignedDrift(), "aligned drift "
                + alignment.meanDrift() + " against unaligned " + alignment.meanUnalignedDrift());

        WordVectors previous = load(repository, v1);
        WordVectors published = load(repository, v2);
        double distance = 0;
        int shared = 0;
        for (int id = 0; id < published.size(); id++) {
            int old = previous.id(published.word(id));
            if (old >= 0) {
                distance += 1 - cosine(published.vector(published.word(id)), previous.vector(previous.word(old)));
                shared++;
            }
        }
        assertEquals(alignment.sharedWords(), shared);
        assertEquals(alignment.meanDrift(), distance / shared, 1e-3,
                "the published vectors are the aligned ones: their drift is the recorded aligned drift");

        List<String> drift = Files.readAllLines(dir.resolve("root/versions/000002").resolve(AlignmentReport.DRIFT_FILE));
        assertEquals("word\tdrift", drift.get(0));
        assertEquals(shared + 1, drift.size(), "one line per shared word");
        assertEquals(alignment.topMovers().get(0).word(), drift.get(1).split("\t")[0]);
    }

    private static PublishedVersion version(VectorsRepository repository, String id) throws IOException {
        org.apache.hadoop.fs.Path versionDir = new org.apache.hadoop.fs.Path(repository.root(),
                VectorsRepository.VERSIONS + "/" + id);
        return new PublishedVersion(id, versionDir, ManifestChecksums.verify(repository.fileSystem(), versionDir));
    }

    private static WordVectors load(VectorsRepository repository, PublishedVersion version) throws IOException {
        return WordVectors.load(repository.open(version, VectorsManifest.BINARY), version.id());
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void badGateOrTrainingSettingsAreUsageErrorsBeforeAnyWork() {
        Run run = cli("refresh", "--input", dir.resolve("none").toString(), "--root", dir.resolve("root").toString(),
                "--max-drop", "500");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--max-drop"), run.err());
        assertFalse(Files.exists(dir.resolve("root")), "nothing was created");
    }

    @Test
    void subwordsAreAUsageErrorBeforeAnyWork() {
        Run run = cli("refresh", "--input", dir.resolve("none").toString(), "--root", dir.resolve("root").toString(),
                "--maxn", "6");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("refresh: error: refresh trains plain word vectors: leave --maxn at 0"),
                run.err());
        assertFalse(Files.exists(dir.resolve("root")), "nothing was created");
    }

    /** A small valid input for the runs that must fail before training. */
    private String smallInput() throws IOException {
        SyntheticCorpus.standard(7).writeTo(dir.resolve("text"), 1_000);
        return dir.resolve("text").resolve(SyntheticCorpus.CORPUS_FILE).toString();
    }

    private Run refreshWithConfig(String properties) throws IOException {
        Path config = dir.resolve("refresh.properties");
        Files.writeString(config, properties);
        return cli("refresh", "--input", smallInput(), "--root", dir.resolve("root").toString(), "--config",
                config.toString());
    }

    @Test
    void theShippedConfigNamesOnlyRefreshOptions() {
        // Tests run in spark-jobs/; the shipped conf/ is beside it.
        Run run = cli("refresh", "--config", "../conf/refresh.properties", "--help");
        assertEquals(0, run.status(), run.err());
    }

    @Test
    void anUnknownConfigKeyIsAUsageErrorNamingIt() throws IOException {
        Run run = refreshWithConfig("keep = 3\nmax-dorp = 2\n");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("unknown key 'max-dorp'"), run.err());
        assertFalse(Files.exists(dir.resolve("root")), "nothing was created");
    }

    @Test
    void anImpossibleConfigValueIsAUsageErrorNamingTheParameter() throws IOException {
        Run run = refreshWithConfig("keep = 0\n");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--keep"), run.err());
        assertFalse(Files.exists(dir.resolve("root")), "nothing was created");
    }

    @Test
    void aMissingInputFailsNamingItBeforeTheRootIsTouched() {
        String missing = dir.resolve("no-such-text").toString();
        // "nowhere" is no Spark master: the input is checked before the session is created.
        Run run = cli("refresh", "--master", "nowhere", "--input", missing, "--root", dir.resolve("root").toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("input path does not exist: " + missing), run.err());
        assertFalse(Files.exists(dir.resolve("root")), "nothing was created");
    }

    @Test
    void anEmptyInputFailsBeforeTheRootIsTouched() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        Run run = cli("refresh", "--master", "local[1]", "--input", empty.toString(), "--root",
                dir.resolve("root").toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("input is empty"), run.err());
        assertFalse(Files.exists(dir.resolve("root")), "nothing was created");
    }

    @Test
    void aRootThatCannotBeWrittenFailsNamingIt() throws IOException {
        // A root below a regular file: no user, not even root, can create it (a read-only mount fails the same way).
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        String root = file.resolve("root").toString();
        Run run = cli("refresh", "--master", "local[1]", "--input", smallInput(), "--root", root);
        assertEquals(1, run.status());
        assertTrue(run.err().contains("publish root") && run.err().contains(root), run.err());
        assertEquals("not a directory", Files.readString(file));
    }

    /** Publishes version 000001: a few random {@link VectorsDirectories#DIM}-dimensional vectors, no Spark needed. */
    private VectorsRepository publishSmallVersion() throws IOException {
        VectorsRepository repository = VectorsRepository.open(PublishConfig.of(dir.resolve("root").toString()),
                new Configuration());
        VectorsDirectories.write(dir.resolve("v1").toString(), 1, new Configuration());
        repository.publish(dir.resolve("v1").toString());
        return repository;
    }

    @Test
    void aCorruptCurrentVersionIsNotWarmStartedFromNorReplaced() throws IOException {
        VectorsRepository repository = publishSmallVersion();
        Path published = dir.resolve("root/versions/000001").resolve(VectorsManifest.BINARY);
        byte[] bytes = Files.readAllBytes(published);
        bytes[bytes.length - 2] ^= 1;
        Files.write(published, bytes);

        Run run = cli("refresh", "--master", "local[1]", "--input", smallInput(), "--root",
                dir.resolve("root").toString(), "--dim", Integer.toString(VectorsDirectories.DIM));
        assertEquals(1, run.status(), run.out());
        assertTrue(run.err().contains("checksum mismatch for") && run.err().contains(published.toString()),
                run.err());
        assertEquals("000001", latest());
        assertEquals(List.of("000001"), repository.versionIds());
        assertFalse(Files.exists(dir.resolve("root/.refresh-work")), "it trained nothing");
        assertFalse(Files.exists(dir.resolve("root").resolve(PublishLock.FILE)), "the lock is released");
    }

    @Test
    void aDimensionOtherThanTheCurrentVersionsIsAUsageError() throws IOException {
        VectorsRepository repository = publishSmallVersion();

        Run run = cli("refresh", "--master", "local[1]", "--input", smallInput(), "--root",
                dir.resolve("root").toString(), "--dim", "30");
        assertEquals(2, run.status(), run.out());
        assertTrue(run.err().contains("--dim 30 differs from the dimension " + VectorsDirectories.DIM), run.err());
        assertEquals(List.of("000001"), repository.versionIds());
        assertFalse(Files.exists(dir.resolve("root/.refresh-work")), "it trained nothing");
    }

    @Test
    void anOverlappingRefreshFailsWhileTheRootIsLocked() throws IOException {
        SyntheticCorpus.standard(7).writeTo(dir.resolve("text"), 1_000);
        VectorsRepository repository = VectorsRepository.open(PublishConfig.of(dir.resolve("root").toString()),
                new Configuration());
        try (PublishLock held = repository.lock()) {
            Run overlapping = refresh(dir.resolve("text").resolve(SyntheticCorpus.CORPUS_FILE).toString(), 1.0);
            assertEquals(1, overlapping.status(), overlapping.out());
            assertTrue(overlapping.err().contains("another publisher holds"), overlapping.err());
        }
        assertFalse(Files.exists(dir.resolve("root/.refresh-work")), "it trained nothing");
    }
}
