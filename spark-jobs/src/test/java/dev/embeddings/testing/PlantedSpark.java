package dev.embeddings.testing;

import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Spark session and a {@link PlantedCorpus} made on it once for all the tests of a class:
 * {@code @RegisterExtension static final PlantedSpark planted = PlantedSpark.local(40_000, 2);}. Started before
 * the class's first test; after its last the session stops and the corpus directory is deleted.
 */
public final class PlantedSpark implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<SparkSession> session;
    private final int sentences;
    private final int shards;
    private SparkSession spark;
    private PlantedCorpus corpus;
    private Path dir;

    private PlantedSpark(Supplier<SparkSession> session, int sentences, int shards) {
        this.session = session;
        this.sentences = sentences;
        this.shards = shards;
    }

    /** On {@link TestSpark#local()}: {@code sentences} planted sentences in {@code shards} shards. */
    public static PlantedSpark local(int sentences, int shards) {
        return new PlantedSpark(TestSpark::local, sentences, shards);
    }

    /** On {@link TestSpark#localCluster(int)} with {@code workers} worker JVMs. */
    public static PlantedSpark localCluster(int workers, int sentences, int shards) {
        return localCluster(workers, 1, sentences, shards);
    }

    /** On {@link TestSpark#localCluster(int, int)}: {@code workers} worker JVMs of {@code cores} task slots. */
    public static PlantedSpark localCluster(int workers, int cores, int sentences, int shards) {
        return new PlantedSpark(() -> TestSpark.localCluster(workers, cores), sentences, shards);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("planted-corpus");
        spark = session.get();
        corpus = PlantedCorpus.create(spark, dir, sentences, shards);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (spark != null) {
            spark.stop();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    public SparkSession spark() {
        return spark;
    }

    /** {@link PlantedCorpus#corpusDir()}. */
    public String corpusDir() {
        return corpus.corpusDir();
    }

    /** {@link PlantedCorpus#analogies(WordVectors)}. */
    public AnalogyResult analogies(WordVectors vectors) throws IOException {
        return corpus.analogies(vectors);
    }
}
