package dev.embeddings.corpus;

import dev.embeddings.io.Checksums;
import dev.embeddings.spark.FileSystems;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.function.ObjLongConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import scala.Tuple2;

/**
 * Word counts of single input files kept between corpus runs (a refresh keeps them under its root), so that a run
 * counts only new or changed files and merges the cached counts of the others.
 *
 * <p>An entry holds every word of one file with its count (not only frequent ones: a word rare in each file may
 * reach --min-count in the sum) and the file's {@link CorpusStat} statistics. It is named by a hash of the file's
 * {@link #fingerprint fingerprint}: path, length, modification time and the settings that change counts, so an
 * edited file or other tokenizer settings simply find no entry. Layout, UTF-8 text:
 * <pre>
 * embeddings-word-counts 1&lt;TAB&gt;fingerprint
 * word&lt;TAB&gt;count            (one line per word or statistic)
 * #end&lt;TAB&gt;lines&lt;TAB&gt;sha256 of the lines above, header included
 * </pre>
 * An entry is written under a temporary name and renamed when complete, and read back only if its header, line
 * count and checksum all match; anything else is reported as corrupt and the file is counted again.
 */
public final class WordCountCache {

    static final String SUFFIX = ".counts";
    private static final String TEMPORARY = ".tmp-";
    private static final String MAGIC = "embeddings-word-counts 1";
    /** Not a possible word: tokens are letters and digits only. */
    private static final String END = "#end";

    private final Path dir;
    private final FileSystem fs;

    public WordCountCache(String dir, Configuration conf) throws IOException {
        Path path = new Path(dir);
        this.fs = FileSystems.get(path, conf);
        this.dir = fs.makeQualified(path);
    }

    /** Everything that changes a file's counts: which bytes are read and how they are tokenized. */
    static String fingerprint(CorpusManifest.InputFile file, CorpusConfig config) {
        return "path=" + file.path() + " bytes=" + file.bytes() + " modified=" + file.modified() + " lowercase="
                + config.lowercase() + " max-token-length=" + config.maxTokenLength() + " max-chunk-bytes="
                + config.maxChunkBytes();
    }

    /** Where the entry of a fingerprint lives (whether or not it exists). */
    Path entry(String fingerprint) {
        MessageDigest sha = Checksums.sha256();
        sha.update(fingerprint.getBytes(StandardCharsets.UTF_8));
        return new Path(dir, Checksums.hex(sha) + SUFFIX);
    }

    boolean exists(Path entry) throws IOException {
        return fs.exists(entry);
    }

    /**
     * Deletes the entries not in {@code keep} (input files that are gone or changed) and temporary files of killed
     * runs; returns how many entries were dropped.
     */
    int retainOnly(Set<Path> keep) throws IOException {
        if (!fs.exists(dir)) {
            return 0;
        }
        int dropped = 0;
        for (FileStatus s : fs.listStatus(dir)) {
            Path p = s.getPath();
            boolean entry = p.getName().endsWith(SUFFIX);
            if (entry && keep.contains(p) || !entry && !p.getName().startsWith(TEMPORARY)) {
                continue;
            }
            fs.delete(p, true);
            if (entry) {
                dropped++;
            }
        }
        return dropped;
    }

    /** Writes an entry atomically: a reader sees the complete entry or none. Runs on executors. */
    static void write(Path entry, String fingerprint, Iterator<Tuple2<String, Long>> counts, Configuration conf)
            throws IOException {
        FileSystem fs = FileSystems.get(entry, conf);
        Path temporary = new Path(entry.getParent(), TEMPORARY + entry.getName() + "-" + UUID.randomUUID());
        MessageDigest sha = Checksums.sha256();
        long lines = 0;
        try (Writer out = new BufferedWriter(new OutputStreamWriter(fs.create(temporary, true),
                StandardCharsets.UTF_8), 1 << 16)) {
            writeLine(out, sha, MAGIC + "\t" + fingerprint);
            while (counts.hasNext()) {
                Tuple2<String, Long> c = counts.next();
                writeLine(out, sha, c._1() + "\t" + c._2());
                lines++;
            }
            out.write(END + "\t" + lines + "\t" + Checksums.hex(sha) + "\n");
        }
        // A corrupt entry of the same name is what made us count again: replace it.
        fs.delete(entry, false);
        if (!fs.rename(temporary, entry)) {
            fs.delete(temporary, false);
            throw new IOException("cannot rename " + temporary + " to " + entry);
        }
    }

    private static void writeLine(Writer out, MessageDigest sha, String line) throws IOException {
        String text = line + "\n";
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        out.write(text);
    }

    /**
     * Hands every count of an entry to {@code sink}, then checks the trailer; throws {@link CorruptEntryException}
     * if the entry is not a complete entry of this fingerprint (the sink may then have seen part of it).
     */
    static void read(Path entry, String fingerprint, Configuration conf, ObjLongConsumer<String> sink)
            throws IOException {
        FileSystem fs = FileSystems.get(entry, conf);
        MessageDigest sha = Checksums.sha256();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(entry), StandardCharsets.UTF_8),
                1 << 16)) {
            String header = in.readLine();
            if (!(MAGIC + "\t" + fingerprint).equals(header)) {
                throw new CorruptEntryException(entry, "its header is not this file's fingerprint");
            }
            sha.update((header + "\n").getBytes(StandardCharsets.UTF_8));
            long lines = 0;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(END + "\t")) {
                    checkTrailer(entry, line, lines, Checksums.hex(sha), in.readLine());
                    return;
                }
                int tab = line.lastIndexOf('\t');
                String key = tab < 0 ? line : line.substring(0, tab);
                long count = tab < 0 ? -1 : parseCount(line.substring(tab + 1));
                if (count < 0) {
                    throw new CorruptEntryException(entry, "line " + (lines + 2) + " is not word<TAB>count");
                }
                sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                sink.accept(key, count);
                lines++;
            }
            throw new CorruptEntryException(entry, "it is truncated (no end line)");
        }
    }

    private static void checkTrailer(Path entry, String trailer, long lines, String sha, String after)
            throws CorruptEntryException {
        if (!trailer.equals(END + "\t" + lines + "\t" + sha) || after != null) {
            throw new CorruptEntryException(entry, "its content does not match its end line");
        }
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** An entry that is not what it claims to be: the file is counted again. */
    static final class CorruptEntryException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptEntryException(Path entry, String problem) {
            super("cached word counts " + entry + " are not usable: " + problem);
        }
    }
}
