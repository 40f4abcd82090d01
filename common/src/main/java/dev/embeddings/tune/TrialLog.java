package dev.embeddings.tune;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.embeddings.io.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code trials.jsonl}: one {@link Trial} per line, appended as each finishes, so that a search stopped at any point
 * resumes from it. A last line cut short by a crash is skipped (that trial runs again); any other bad line fails.
 */
public final class TrialLog {

    public static final String FILE = "trials.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(TrialLog.class);
    private static final ObjectWriter ONE_LINE = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public TrialLog(Path dir) {
        this.file = dir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** The trials finished so far, in the order they finished. */
    public List<Trial> read() throws IOException {
        List<Trial> trials = new ArrayList<>();
        if (!Files.exists(file)) {
            return trials;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                trials.add(Json.MAPPER.readValue(line, Trial.class));
            } catch (JacksonException e) {
                if (i < lines.size() - 1) {
                    throw new IOException(file + " line " + (i + 1) + ": not a trial (" + e.getOriginalMessage()
                            + ")", e);
                }
                LOG.warn("{}: skipping its last line, cut short (the search stopped while writing it)", file);
            }
        }
        return trials;
    }

    /** Appends {@code trial} as one line, synced to disk before returning; a torn last line is dropped first. */
    public synchronized void append(Trial trial) throws IOException {
        byte[] line = (ONE_LINE.writeValueAsString(trial) + "\n").getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file)) {
            dropTornTail();
        }
        try (var out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC)) {
            out.write(line);
        }
    }

    /** Cuts the file after its last newline: a line cut short by a crash would otherwise run into the next. */
    private void dropTornTail() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(end);
            }
        }
    }
}
