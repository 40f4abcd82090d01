package dev.embeddings.publish;

import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorReader;
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

    /** Calls {@code action} for each word of {@code vocabulary} found in DIR's vectors; returns how many. */
    public static int forEachShared(String dir, Configuration conf, Vocabulary vocabulary, int dim, SharedWord action)
            throws IOException {
        Path file = new Path(dir, VectorsManifest.BINARY);
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.exists(file)) {
            throw new FileNotFoundException("--init: no " + VectorsManifest.BINARY + " in " + dir);
        }
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
