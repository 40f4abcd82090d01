package dev.embeddings.corpus;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the files behind the --input paths in order (recursing into directories, sorted by path, skipping hidden
 * and {@code _}-prefixed names as Hadoop does) and rejects a missing path or an input with no bytes before any
 * Spark work starts.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /** What {@code path} (a file, a directory or a glob) matches; fails, naming it as {@code shown}, if nothing. */
    public static FileStatus[] matches(FileSystem fs, Path path, String shown) throws IOException {
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
            throw new FileNotFoundException("input path does not exist: " + shown);
        }
        return matches;
    }

    public static List<CorpusManifest.InputFile> list(List<String> inputs, Configuration conf) throws IOException {
        List<CorpusManifest.InputFile> files = new ArrayList<>();
        for (String input : inputs) {
            Path path = new Path(input);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matches = matches(fs, path, input);
            int before = files.size();
            for (FileStatus match : matches) {
                if (match.isDirectory()) {
                    // Listings come in the file system's order; sorted, a directory is read (and, with
                    // --order input, trained) in the same order on every file system.
                    List<FileStatus> found = new ArrayList<>();
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
                    while (it.hasNext()) {
                        LocatedFileStatus f = it.next();
                        if (!isHidden(f.getPath(), match.getPath())) {
                            found.add(f);
                        }
                    }
                    found.sort(Comparator.comparing(FileStatus::getPath));
                    found.forEach(f -> files.add(describe(f)));
                } else {
                    files.add(describe(match));
                }
            }
            if (files.size() == before) {
                throw new IOException("input directory holds no files: " + input);
            }
        }
        long bytes = files.stream().mapToLong(CorpusManifest.InputFile::bytes).sum();
        if (bytes == 0) {
            throw new IOException("input is empty (" + files.size() + " file(s), 0 bytes): " + String.join(",", inputs));
        }
        return files;
    }

    private static CorpusManifest.InputFile describe(FileStatus f) {
        return new CorpusManifest.InputFile(f.getPath().toString(), f.getLen(), f.getModificationTime());
    }

    /** Hidden if any path component below the listed directory starts with '.' or '_'. */
    private static boolean isHidden(Path file, Path root) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
