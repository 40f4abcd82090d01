package dev.embeddings.glove;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json} of a saved co-occurrence matrix ({@code glove --cooccurrence DIR}): what the matrix was
 * counted from and how (its {@link Fingerprint}), how long counting took, and each partition file with its entry
 * count, size and SHA-256. It is written last, into the staging directory, so a directory that has it is complete.
 *
 * @param fingerprint     everything the counts depend on; a later run reuses the matrix only when it matches
 * @param corpus          the corpus directory it was counted from (for people: matching is by the fingerprint)
 * @param entries         entries over all partitions
 * @param countingSeconds wall time of counting, which a run that reuses the matrix saves
 * @param created         when it was written (ISO-8601)
 * @param files           one per partition, in partition order; partition p holds the rows hashed to p
 */
public record CooccurrenceManifest(Fingerprint fingerprint, String corpus, long entries, double countingSeconds,
        String created, List<PartitionFile> files) {

    public static final String FILE = "manifest.json";

    /**
     * What co-occurrence counts depend on. The corpus manifest's SHA-256 covers the vocabulary (hence min-count),
     * the tokenization and every shard; the rest are the counting settings.
     */
    public record Fingerprint(int formatVersion, String corpusManifestSha256, int vocabularySize, int window,
            boolean symmetric, String weighting) {

        /** GloVe's weighting of a pair at distance d, the only one counted. */
        public static final String INVERSE_DISTANCE = "1/distance";

        public static Fingerprint of(String corpusManifestSha256, int vocabularySize, GloveConfig config) {
            return new Fingerprint(CooccurrenceFile.FORMAT_VERSION, corpusManifestSha256, vocabularySize,
                    config.window(), config.symmetric(), INVERSE_DISTANCE);
        }

        /**
         * The first field in which this (saved) fingerprint differs from the one a run needs, as
         * "window: saved 5, this run 10", or null when they match.
         */
        public String difference(Fingerprint wanted) {
            Map<String, Object> saved = fields();
            Map<String, Object> needed = wanted.fields();
            for (Map.Entry<String, Object> field : saved.entrySet()) {
                Object other = needed.get(field.getKey());
                if (!Objects.equals(field.getValue(), other)) {
                    return field.getKey() + ": saved " + field.getValue() + ", this run " + other;
                }
            }
            return null;
        }

        private Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("format version", formatVersion);
            fields.put("corpus (SHA-256 of its manifest.json)", corpusManifestSha256);
            fields.put("vocabulary size", vocabularySize);
            fields.put("window", window);
            fields.put("symmetric", symmetric);
            fields.put("weighting", weighting);
            return fields;
        }
    }

    /** A partition's file (name relative to the directory), its entries, size in bytes and SHA-256. */
    public record PartitionFile(String name, long entries, long bytes, String sha256) implements java.io.Serializable {

        /** The file name of partition p. */
        public static String nameOf(int partition) {
            return String.format("part-%05d.cooc", partition);
        }
    }
}
