package dev.embeddings.finetune;

import dev.embeddings.io.Json;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.spark.StagedOutput;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.subword.FastTextFormatException;
import dev.embeddings.subword.SubwordVectors;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs {@code embeddings finetune}: checks the inputs, loads the vectors once, trains one embedding mode (or all
 * three with {@code compare}) through {@link FineTuneJob}, in this JVM for one worker or on Spark with
 * {@link SparkEpochFitter} for more, and writes {@code report.json}, {@code report.html} and, when comparing,
 * {@code compare.json} (mode name to that mode's report). Everything is written into a {@link StagedOutput} staging
 * directory and renamed into place at the end, so a failed run leaves no partial model.
 */
public final class FineTuneRunner {

    public static final String HTML_REPORT = FineTunePage.FILE;
    public static final String COMPARISON = "compare.json";
    public static final String VECTORS_IN_DIRECTORY = "vectors.bin";

    /** One trained mode: its name ({@code random}, {@code static}, {@code fine-tune}), outcome and directory. */
    public record ModeResult(String mode, FineTuneJob.Outcome outcome, Path directory) {
    }

    private FineTuneRunner() {
    }

    /** @param spark the Spark context when {@code run.distributed()}, else unused (may be null) */
    public static List<ModeResult> run(FineTuneRun run, JavaSparkContext spark) throws IOException {
        run.validate();
        if (run.distributed() && spark == null) {
            throw new IllegalStateException("a run with " + run.workers() + " workers needs a Spark context");
        }
        checkInputs(run);
        try (StagedOutput output = StagedOutput.begin(run.output().toAbsolutePath().toUri().toString(),
                new Configuration(), run.overwrite())) {
            Path staging = Path.of(output.staging().toUri());
            List<ModeResult> staged = train(run, spark, load(run.vectors()), staging);
            output.commit();
            // Report the directories where the results now are, not the staging directory they were written to.
            List<ModeResult> results = new ArrayList<>();
            for (ModeResult r : staged) {
                results.add(new ModeResult(r.mode(), r.outcome(),
                        run.output().resolve(staging.relativize(r.directory()))));
            }
            return results;
        }
    }

    /**
     * Fails, naming its option, if a file the run reads is missing. {@link #run} checks this itself; the command
     * calls it earlier, before it starts a Spark session, so that a mistyped path fails at once.
     */
    public static void checkInputs(FineTuneRun run) throws IOException {
        checkTaskFiles(run);
        vectorFile(run.vectors());
    }

    /** Fails, naming its option, if the train, dev or test file is missing (the vectors are not checked). */
    public static void checkTaskFiles(FineTuneRun run) throws IOException {
        requireFile("--train", run.train());
        requireFile("--dev", run.dev());
        if (run.test() != null) {
            requireFile("--test", run.test());
        }
    }

    /**
     * Trains the asked modes into {@code output} (a staging directory); each mode that starts from the vectors keeps
     * a copy of their subword model, for words met only at prediction time.
     */
    private static List<ModeResult> train(FineTuneRun run, JavaSparkContext spark, Loaded loaded, Path output)
            throws IOException {
        PretrainedVectors vectors = loaded.vectors();
        List<EmbeddingMode> modes = run.compare() ? List.of(EmbeddingMode.values())
                : List.of(run.training().embeddings());
        List<ModeResult> results = new ArrayList<>();
        for (EmbeddingMode mode : modes) {
            Path dir = run.compare() ? output.resolve(modeName(mode)) : output;
            // Random initialisation gets the pretrained dimension, so modes differ only in their start.
            FineTuneConfig config = run.training().withEmbeddings(mode, vectors.dim());
            EpochFitter fitter = run.distributed()
                    ? new SparkEpochFitter(spark, run.workers(), run.averagingFrequency(), config.batchSize(),
                    config.seed())
                    : EpochFitter.LOCAL;
            FineTuneJob.Outcome outcome = FineTuneJob.run(config, run.train(), run.dev(), run.test(), vectors, dir,
                    fitter);
            if (mode.usesPretrained() && loaded.subwordModel() != null) {
                ModelDirectory.saveSubwords(dir, loaded.subwordModel());
            }
            Files.writeString(dir.resolve(HTML_REPORT), FineTunePage.render(outcome.report()));
            results.add(new ModeResult(modeName(mode), outcome, dir));
        }
        if (run.compare()) {
            writeComparison(results, output.resolve(COMPARISON));
        }
        return results;
    }

    /** {@code random}, {@code static} or {@code fine-tune}: the {@code --init} spelling. */
    public static String modeName(EmbeddingMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A vector file, or a directory's {@value #VECTORS_IN_DIRECTORY} (the word2vec job's output layout). */
    static Path vectorFile(Path vectors) throws IOException {
        Path file = Files.isDirectory(vectors) ? vectors.resolve(VECTORS_IN_DIRECTORY) : vectors;
        requireFile("--vectors", file);
        return file;
    }

    /** Pretrained vectors and the file of the subword model among them ({@code subwordModel}), or null. */
    private record Loaded(PretrainedVectors vectors, Path subwordModel) {
    }

    /**
     * The vectors, with the subword model that comes with them for words outside them: a fastText .bin's own, or
     * the output directory's model.bin. Fails naming --vectors when that model is unreadable or of another
     * dimension.
     */
    private static Loaded load(Path vectors) throws IOException {
        try {
            Path file = vectorFile(vectors);
            WordVectors loaded = WordVectors.load(file);
            SubwordVectors subwords = loaded.subwords().orElse(null);
            Path subwordModel = subwords == null ? null : file;
            Path model = vectors.resolve(VectorsManifest.FASTTEXT_MODEL);
            if (subwords == null && Files.isDirectory(vectors) && Files.isRegularFile(model)) {
                subwords = FastTextBinary.readVectors(model);
                subwordModel = model;
            }
            return new Loaded(new PretrainedVectors(loaded.words(), loaded.vectors(), subwords), subwordModel);
        } catch (FastTextFormatException | IllegalArgumentException e) {
            throw new IOException("--vectors " + vectors + ": " + e.getMessage(), e);
        }
    }

    private static void requireFile(String option, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, option + " file not found");
        }
    }

    private static void writeComparison(List<ModeResult> results, Path file) throws IOException {
        Map<String, FineTuneReport> comparison = new LinkedHashMap<>();
        results.forEach(r -> comparison.put(r.mode(), r.outcome().report()));
        try (OutputStream out = Files.newOutputStream(file)) {
            Json.write(out, comparison);
        }
    }
}
