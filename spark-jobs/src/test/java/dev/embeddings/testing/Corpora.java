package dev.embeddings.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionCodec;

/** Small generated text corpora and an independent way to count them (split on single spaces). */
public final class Corpora {

    private Corpora() {
    }

    /** Lines of lower-case words drawn from a skewed distribution over {@code vocabulary} words. */
    public static List<String> lines(long seed, int count, int vocabulary) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = 1 + random.nextInt(20);
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < n; j++) {
                int rank = (int) Math.floor(Math.pow(random.nextDouble(), 3) * vocabulary);
                b.append(j == 0 ? "" : " ").append(word(rank));
            }
            lines.add(b.toString());
        }
        return lines;
    }

    /** A word made of letters only, distinct for each rank. */
    public static String word(int rank) {
        StringBuilder b = new StringBuilder();
        int r = rank;
        do {
            b.append((char) ('a' + r % 26));
            r /= 26;
        } while (r > 0);
        return "w" + b;
    }

    public static Map<String, Long> count(List<String> lines) {
        Map<String, Long> counts = new HashMap<>();
        for (String line : lines) {
            for (String w : line.split(" ")) {
                if (!w.isEmpty()) {
                    counts.merge(w, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    public static void writePlain(Path file, List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    public static void writeGzip(Path file, List<String> lines) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    public static void writeBzip2(Path file, List<String> lines) throws IOException {
        BZip2Codec codec = new BZip2Codec();
        codec.setConf(new Configuration());
        CompressionCodec c = codec;
        try (OutputStream out = c.createOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
