package dev.embeddings.corpus;

import java.util.List;

/**
 * {@code manifest.json} of a corpus directory: where the corpus came from, how it was tokenized, what it holds,
 * and a checksum per shard, so a training run can be traced to its data and can verify it. {@code sentenceOrder}
 * is the lower-case {@link SentenceOrder} (null in manifests older than the option, which were shuffled).
 */
public record CorpusManifest(
        String tool,
        String version,
        List<String> inputs,
        List<InputFile> inputFiles,
        Tokenization tokenizer,
        long minCount,
        int maxVocab,
        String sentenceOrder,
        Counts counts,
        int vocabularySize,
        String vocabularySha256,
        List<Shard> shards,
        String started,
        String finished) {

    public static final String FILE = "manifest.json";
    public static final String VOCABULARY_FILE = "vocab.tsv";
    public static final String SHARD_DIR = "shards";

    /** One input file as listed when the job started (size and modification time identify a snapshot). */
    public record InputFile(String path, long bytes, long modified) {
    }

    public record Tokenization(String rule, boolean lowercase, String normalization, int maxTokenLength,
            int maxSentenceLength, int maxChunkBytes) {
    }

    /**
     * @param lines             input lines (documents), including empty ones
     * @param documents         lines with at least one token
     * @param tokens            tokens kept by the tokenizer
     * @param inVocabularyTokens tokens written to the shards
     * @param oovTokens         tokens dropped because their word is not in the vocabulary
     * @param droppedLongTokens tokens dropped for being longer than the maximum token length
     * @param invalidUtf8       malformed UTF-8 sequences replaced by U+FFFD
     * @param splitLines        lines longer than the chunk size, read in pieces
     * @param distinctWords     distinct words before min-count / max-vocab
     * @param sentences         sentences written (documents cut at the maximum sentence length)
     */
    public record Counts(long lines, long documents, long tokens, long inVocabularyTokens, long oovTokens,
            long droppedLongTokens, long invalidUtf8, long splitLines, long distinctWords, long sentences) {
    }

    /**
     * A shard file, relative to the corpus directory.
     *
     * @param tokenIndex where its tokens fall among its sentences (null in manifests older than the index, whose
     *                   shards are then divided by sentences)
     */
    public record Shard(String file, long bytes, long sentences, long tokens, String sha256, ShardTokenIndex tokenIndex)
            implements java.io.Serializable {
    }
}
