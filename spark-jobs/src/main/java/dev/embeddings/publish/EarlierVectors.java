package dev.embeddings.publish;

import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorReader;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.vocab.Vocabulary;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code --init DIR}: the vectors of an earlier output, streamed from its {@code vectors.bin} on any file system
 * (the format's checks apply), for the words a new vocabulary shares with it.
 */
public final class EarlierVectors {

    /** Receives the earlier vector of a shared word; the array is reused between calls. */
    @FunctionalInterface
    public interface SharedWord {
        void accept(int id, float[] vector);
    }

    private EarlierVectors() {
    }

    /** {@code dir} holds an earlier output's vectors; fails, naming it as {@code shown}, if not. */
    public static void requireVectors(FileSystem fs, Path dir, String shown) throws IOException {
        if (!fs.exists(new Path(dir, VectorsManifest.BINARY))) {
            throw new FileNotFoundException("not a training output directory (no " + VectorsManifest.BINARY + "): "
                    + shown);
        }
    }

    /** Calls {@code action} for each word of {@code vocabulary} found in DIR's vectors; returns how many. */
    public static int forEachShared(String dir, Configuration conf, Vocabulary vocabulary, int dim, SharedWord action)
            throws IOException {
        Path file = new Path(dir, VectorsManifest.BINARY);
        FileSystem fs = file.getFileSystem(conf);
        requireVectors(fs, new Path(dir), dir + " (--init)");
        int shared = 0;
        try (VectorReader reader = VectorFiles.openReader(fs.open(file), file.toString(), null)) {
            if (reader.dimension() != dim) {
                throw new IOException("--init: " + file + " has dimension " + reader.dimension() + ", this run "
                        + dim + " (use the same --dim)");
            }
            while (reader.next()) {
                int id = vocabulary.id(reader.word());
                if (id >= 0) {
                    action.accept(id, reader.vector());
                    shared++;
                }
            }
        }
        return shared;
    }
}
