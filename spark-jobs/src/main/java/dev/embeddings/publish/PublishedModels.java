package dev.embeddings.publish;

import dev.embeddings.manifest.VectorsManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The fine-tuned models a version carries beside its vectors: {@code versions/<id>/models/<task>/} holds a
 * {@code finetune} output (the model, {@code report.json}, {@code report.html}), each file listed in the version's
 * manifest as {@code models/<task>/<file>}, so the version is complete only with its models and a reader verifies
 * them like the vectors.
 */
public final class PublishedModels {

    public static final String DIR = "models";

    private PublishedModels() {
    }

    /** The manifest name of file {@code relative} (slash-separated) of task {@code task}'s model. */
    public static String entry(String task, String relative) {
        return DIR + "/" + task + "/" + relative;
    }

    /** The tasks whose models {@code manifest} lists, sorted. */
    public static List<String> tasks(VectorsManifest manifest) {
        TreeSet<String> tasks = new TreeSet<>();
        for (VectorsManifest.FileEntry file : manifest.files()) {
            String[] parts = file.name().split("/", 3);
            if (parts.length == 3 && parts[0].equals(DIR)) {
                tasks.add(parts[1]);
            }
        }
        return List.copyOf(tasks);
    }

    /**
     * Writes every listed file of {@code task}'s model into the local directory {@code dir} (created), each
     * verified against the manifest as it is copied; empty if the version has no model of that task.
     */
    public static Optional<Path> copyToLocal(VectorsRepository repository, PublishedVersion version, String task,
            Path dir) throws IOException {
        String prefix = entry(task, "");
        boolean any = false;
        for (VectorsManifest.FileEntry file : version.manifest().files()) {
            if (!file.name().startsWith(prefix)) {
                continue;
            }
            Path target = dir.resolve(file.name().substring(prefix.length())).normalize();
            if (!target.startsWith(dir)) {
                throw new IOException("version " + version.id() + " lists " + file.name() + ", outside " + prefix);
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = repository.open(version, file.name())) {
                Files.copy(in, target);
            }
            any = true;
        }
        return any ? Optional.of(dir) : Optional.empty();
    }

    /** Every regular file under the local model directory {@code dir}, as slash-separated relative names, sorted. */
    public static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
