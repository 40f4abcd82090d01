package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkedLineRecordReaderTest {

    @TempDir
    Path dir;

    /** Reads a file in splits of {@code splitBytes}; returns the pieces of each line, keyed by line offset. */
    private static Map<Long, List<byte[]>> read(Path file, long splitBytes, int maxChunk) throws IOException {
        Configuration conf = new Configuration();
        conf.setInt(ChunkedTextInputFormat.MAX_CHUNK_BYTES, maxChunk);
        long length = Files.size(file);
        Map<Long, List<byte[]>> lines = new LinkedHashMap<>();
        for (long start = 0; start < length; start += splitBytes) {
            FileSplit split = new FileSplit(new org.apache.hadoop.fs.Path(file.toUri()), start,
                    Math.min(splitBytes, length - start), null);
            try (ChunkedLineRecordReader reader = new ChunkedLineRecordReader()) {
                reader.initialize(split, new TaskAttemptContextImpl(conf, new TaskAttemptID()));
                while (reader.nextKeyValue()) {
                    byte[] piece = reader.getCurrentValue().copyBytes();
                    assertTrue(piece.length <= maxChunk, "piece within the chunk limit");
                    lines.computeIfAbsent(reader.getCurrentKey().get(), k -> new ArrayList<>()).add(piece);
                }
            }
        }
        return lines;
    }

    private static String words(Random random, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : " ").append("w").append(random.nextInt(100_000));
        }
        return b.toString();
    }

    @Test
    void everyLineIsReadExactlyOnceWhateverTheSplitsAndLongLinesArePieced() throws IOException {
        Random random = new Random(11);
        List<String> original = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            original.add(i % 50 == 7 ? words(random, 2000) : i % 13 == 0 ? "" : words(random, random.nextInt(30)));
        }
        Path file = dir.resolve("lines.txt");
        Files.writeString(file, String.join("\n", original) + "\n");

        for (long splitBytes : new long[] {97, 1000, 4096, Files.size(file)}) {
            Map<Long, List<byte[]>> lines = read(file, splitBytes, 1024);
            assertEquals(original.size(), lines.size(), "lines read with splits of " + splitBytes);
            int i = 0;
            for (List<byte[]> pieces : lines.values()) {
                List<String> joined = new ArrayList<>();
                for (byte[] p : pieces) {
                    joined.add(new String(p, StandardCharsets.UTF_8));
                }
                // Pieces are cut at a space, which the cut consumes: joining with a space restores the line.
                assertEquals(original.get(i), String.join(" ", joined), "line " + i + ", splits of " + splitBytes);
                i++;
            }
        }
    }

    @Test
    void aLineWithoutWhitespaceIsCutBetweenUtf8Characters() throws IOException {
        String line = "日本語テキスト".repeat(500);
        Path file = dir.resolve("cjk.txt");
        Files.writeString(file, line);
        Map<Long, List<byte[]>> lines = read(file, Files.size(file), 1000);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] piece : lines.get(0L)) {
            assertEquals(new String(piece, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length,
                    piece.length, "each piece is whole UTF-8 characters");
            joined.write(piece);
        }
        assertArrayEquals(line.getBytes(StandardCharsets.UTF_8), joined.toByteArray());
    }

    @Test
    void readsGzipWholeWithTheSameRecords() throws IOException {
        String text = "alpha beta\n\ngamma\ndelta epsilon zeta";
        Path file = dir.resolve("t.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        List<String> got = new ArrayList<>();
        read(file, Long.MAX_VALUE / 4, 1024).values()
                .forEach(p -> got.add(new String(p.get(0), StandardCharsets.UTF_8)));
        assertEquals(List.of("alpha beta", "", "gamma", "delta epsilon zeta"), got);
    }
}
