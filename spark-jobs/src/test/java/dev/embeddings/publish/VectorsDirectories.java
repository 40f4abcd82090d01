package dev.embeddings.publish;

import dev.embeddings.corpus.CorpusReference;
import dev.embeddings.manifest.TrainingMetrics;
import dev.embeddings.manifest.TrainingParameters;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.spark.StagedOutput;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;

/** Finished vectors directories for publishing tests, written by the jobs' own {@link VectorsWriter}. */
public final class VectorsDirectories {

    public static final int DIM = 8;
    public static final String[] WORDS = {"the", "king", "queen", "man", "woman", "paris", "france"};

    private VectorsDirectories() {
    }

    /** Writes random vectors (from {@code seed}) for {@link #WORDS} to {@code output}; returns the vectors. */
    public static float[] write(String output, long seed, Configuration conf) throws IOException {
        long[] counts = new long[WORDS.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = 100 - i;
        }
        Vocabulary vocabulary = Vocabulary.of(WORDS, counts);
        float[] vectors = new float[WORDS.length * DIM];
        Random random = new Random(seed);
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        try (StagedOutput out = StagedOutput.begin(output, conf, false)) {
            VectorsWriter writer = new VectorsWriter(out);
            writer.writeVectors(vocabulary, FloatMatrix.wrap(vectors, DIM));
            writer.writeReportAndManifest(new VectorsManifest("test", "0", "word2vec",
                    TrainingParameters.of(Map.of("seed", seed)), new CorpusReference("none", "0", 0), WORDS.length,
                    DIM, TrainingMetrics.NONE, null,
                    writer.files(), "", ""), WordVectors.of(WORDS, vectors, DIM));
            out.commit();
        }
        return vectors;
    }
}
