package dev.embeddings.publish;

import dev.embeddings.manifest.VectorsManifest;
import org.apache.hadoop.fs.Path;

/** One complete version under {@code ROOT/versions/<id>/}, with its (verified) manifest. */
public record PublishedVersion(String id, Path dir, VectorsManifest manifest) {
}
