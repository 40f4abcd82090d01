package dev.embeddings.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.embeddings.io.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code parameters} of a {@code manifest.json}: every setting of the training, as the file spells it (enum
 * constants as the training configuration writes them). word2vec and GloVe each record their own; what a job does not
 * have is null and left out of the file, so manifests of either job, and those written before a field existed, read
 * back. The jobs' configurations live in packages downstream of this one, hence strings for their enums.
 *
 * @param model                word2vec: SKIPGRAM or CBOW
 * @param loss                 word2vec: NS or HS
 * @param dim                  vector dimension
 * @param window               context window
 * @param negative             word2vec: negative samples
 * @param nsExponent           word2vec: exponent of the negative-sampling distribution
 * @param sample               word2vec: subsampling threshold
 * @param epochs               passes over the corpus (GloVe: over the co-occurrence entries)
 * @param learningRate         initial learning rate
 * @param minLrRatio           word2vec: the final learning rate as a fraction of the initial one
 * @param threads              threads per worker
 * @param seed                 random seed
 * @param backend              word2vec: the training kernels, jvm or nd4j
 * @param minn                 word2vec: shortest character n-gram
 * @param maxn                 word2vec: longest character n-gram, 0 for none
 * @param buckets              word2vec: n-gram hash buckets
 * @param symmetric            GloVe: whether left and right context were counted
 * @param xMax                 GloVe: weighting cut-off
 * @param alpha                GloVe: weighting exponent
 * @param gradClip             GloVe: gradient clipping bound
 * @param output               GloVe: which vectors were written (W, or W + W~)
 * @param cooccurrenceBufferMb GloVe: counting map per task before it spills
 * @param workers              parallel workers
 * @param syncsPerEpoch        averaging rounds per epoch
 * @param merge                how workers' changes to a row were merged
 * @param init                 the earlier output training started from; written as null when none
 * @param syncRareEvery        word2vec: rounds between merges of rare words' rows
 * @param cooccurrence         GloVe: the saved co-occurrence matrix, if any
 * @param replicaPer           executor or worker: how the replicas were laid out
 * @param nd4jBackend          word2vec with the nd4j backend: the driver's ND4J backend, as it describes itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingParameters(
        String model,
        String loss,
        Integer dim,
        Integer window,
        Integer negative,
        Double nsExponent,
        Double sample,
        Integer epochs,
        Double learningRate,
        Double minLrRatio,
        Integer threads,
        Long seed,
        String backend,
        Integer minn,
        Integer maxn,
        Integer buckets,
        Boolean symmetric,
        Double xMax,
        Double alpha,
        Double gradClip,
        String output,
        Integer cooccurrenceBufferMb,
        Integer workers,
        Integer syncsPerEpoch,
        String merge,
        @JsonInclude(JsonInclude.Include.ALWAYS) String init,
        Integer syncRareEvery,
        String cooccurrence,
        String replicaPer,
        Map<String, String> nd4jBackend) {

    /**
     * The parameters {@code settings} names, as a job collects them (its configuration's fields, then how it was
     * distributed); a name this record lacks is an error, so a new setting cannot go unrecorded.
     */
    public static TrainingParameters of(Map<String, ?> settings) {
        return Json.MAPPER.convertValue(settings, TrainingParameters.class);
    }

    /** The parameters by name, in the file's order, without those the job does not have (for display). */
    public Map<String, Object> byName() {
        return Json.MAPPER.convertValue(this, new TypeReference<LinkedHashMap<String, Object>>() { });
    }
}
