package dev.embeddings.word2vec;

import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorReader;
import dev.embeddings.publish.VectorsManifest;
import dev.embeddings.vocab.Vocabulary;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code --init DIR}: words shared with an earlier output keep their vectors; new words keep their random start.
 * Reads the earlier {@code vectors.bin} as a stream (its format checks apply), so it may be on any file system.
 */
final class WarmStart {

    private WarmStart() {
    }

    /** Copies the earlier vectors of shared words into {@code input} (V x dim); returns how many were copied. */
    static int apply(String dir, Configuration conf, Vocabulary vocabulary, float[] input, int dim)
            throws IOException {
        Path file = new Path(dir, VectorsManifest.BINARY);
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.exists(file)) {
            throw new FileNotFoundException("--init: no " + VectorsManifest.BINARY + " in " + dir);
        }
        int copied = 0;
        try (VectorReader reader = VectorFiles.openReader(fs.open(file), file.toString(), null)) {
            if (reader.dimension() != dim) {
                throw new IOException("--init: " + file + " has dimension " + reader.dimension() + ", this run "
                        + dim + " (use the same --dim)");
            }
            while (reader.next()) {
                int id = vocabulary.id(reader.word());
                if (id >= 0) {
                    System.arraycopy(reader.vector(), 0, input, id * dim, dim);
                    copied++;
                }
            }
        }
        return copied;
    }
}
