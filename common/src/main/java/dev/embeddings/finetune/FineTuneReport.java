package dev.embeddings.finetune;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.embeddings.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code report.json} of a fine-tuning run, written and read back by {@link Json#MAPPER}: the model and embedding
 * mode, every setting, the vectors' coverage of the training text (absent without vectors), the training history
 * and the dev (and test, if given) report.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FineTuneReport(ModelKind model, EmbeddingMode embeddings, FineTuneConfig settings, Coverage coverage,
                             LocalTrainer.Result training, TaskReport dev, TaskReport test) {

    public static final String FILE = "report.json";

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            Json.write(out, this);
        }
    }

    public static FineTuneReport read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Json.read(in, FineTuneReport.class, file.toString());
        }
    }
}
