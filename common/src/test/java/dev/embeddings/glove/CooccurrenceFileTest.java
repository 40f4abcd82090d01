package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.glove.CooccurrenceManifest.Fingerprint;
import dev.embeddings.io.Checksums;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A saved partition reads back exactly, and every kind of damage to it is reported naming the file. */
class CooccurrenceFileTest {

    /** More entries than one 64 KiB chunk holds, so the chunked copy is exercised across chunk boundaries. */
    private static final int ENTRIES = 40_000;

    private static CooccurrenceBlock randomBlock(int size) {
        Random random = new Random(7);
        int[] rows = new int[size];
        int[] cols = new int[size];
        float[] values = new float[size];
        for (int k = 0; k < size; k++) {
            rows[k] = random.nextInt(1_000_000);
            cols[k] = random.nextInt(1_000_000);
            values[k] = random.nextFloat() * 100 - 1;
        }
        return new CooccurrenceBlock(rows, cols, values, size);
    }

    private static byte[] bytesOf(CooccurrenceBlock block, String[] sha) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sha[0] = CooccurrenceFile.write(block, out);
        return out.toByteArray();
    }

    @Test
    void aBlockReadsBackExactlyAndItsChecksumIsTheFilesSha256() throws IOException {
        CooccurrenceBlock block = randomBlock(ENTRIES);
        String[] sha = new String[1];
        byte[] file = bytesOf(block, sha);
        assertEquals(CooccurrenceFile.bytes(ENTRIES), file.length);
        assertEquals(Checksums.sha256(new ByteArrayInputStream(file)), sha[0]);

        CooccurrenceBlock read = CooccurrenceFile.read(new ByteArrayInputStream(file), "part-00000.cooc", ENTRIES,
                sha[0]);
        assertEquals(ENTRIES, read.size());
        assertArrayEquals(block.rows(), read.rows());
        assertArrayEquals(block.cols(), read.cols());
        assertArrayEquals(block.values(), read.values());
    }

    @Test
    void anEmptyBlockRoundTrips() throws IOException {
        String[] sha = new String[1];
        byte[] file = bytesOf(CooccurrenceBlock.empty(), sha);
        assertEquals(0, CooccurrenceFile.read(new ByteArrayInputStream(file), "empty", 0, sha[0]).size());
    }

    @Test
    void truncatedLongerCorruptAndMiscountedFilesAreRefusedNamingTheFile() throws IOException {
        String[] sha = new String[1];
        byte[] file = bytesOf(randomBlock(ENTRIES), sha);

        IOException truncated = assertThrows(IOException.class, () -> CooccurrenceFile.read(
                new ByteArrayInputStream(Arrays.copyOf(file, file.length - 5)), "part-00003.cooc", ENTRIES, sha[0]));
        assertTrue(truncated.getMessage().contains("part-00003.cooc: truncated"), truncated.getMessage());

        IOException longer = assertThrows(IOException.class, () -> CooccurrenceFile.read(
                new ByteArrayInputStream(Arrays.copyOf(file, file.length + 1)), "p", ENTRIES, sha[0]));
        assertTrue(longer.getMessage().contains("longer"), longer.getMessage());

        byte[] flipped = file.clone();
        flipped[file.length / 2] ^= 1;
        IOException corrupt = assertThrows(IOException.class, () -> CooccurrenceFile.read(
                new ByteArrayInputStream(flipped), "p", ENTRIES, sha[0]));
        assertTrue(corrupt.getMessage().contains("SHA-256"), corrupt.getMessage());

        IOException miscounted = assertThrows(IOException.class, () -> CooccurrenceFile.read(
                new ByteArrayInputStream(file), "p", ENTRIES + 1, sha[0]));
        assertTrue(miscounted.getMessage().contains("the manifest says " + (ENTRIES + 1)), miscounted.getMessage());

        byte[] notOurs = file.clone();
        notOurs[0] = 'X';
        IOException foreign = assertThrows(IOException.class, () -> CooccurrenceFile.read(
                new ByteArrayInputStream(notOurs), "p", ENTRIES, sha[0]));
        assertTrue(foreign.getMessage().contains("not a co-occurrence partition file"), foreign.getMessage());
    }

    @Test
    void fingerprintsNameTheFirstFieldThatDiffers() {
        GloveConfig config = GloveConfig.defaults();
        Fingerprint saved = Fingerprint.of("abc", 1000, config);
        assertNull(saved.difference(Fingerprint.of("abc", 1000, config.withSeed(99))), "the seed is not counted");
        GloveConfig narrower = new GloveConfig(config.dim(), 5, config.symmetric(), config.xMax(), config.alpha(),
                config.epochs(), config.learningRate(), config.gradClip(), config.threads(), config.seed(),
                config.output(), config.cooccurrenceBufferMb());
        assertEquals("window: saved 10, this run 5", saved.difference(Fingerprint.of("abc", 1000, narrower)));
        assertTrue(saved.difference(Fingerprint.of("abd", 1000, config)).startsWith("corpus"));
        assertEquals("vocabulary size: saved 1000, this run 999", saved.difference(Fingerprint.of("abc", 999,
                config)));
    }
}
