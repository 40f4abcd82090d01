package dev.embeddings.finetune;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Everything a fine-tuning run needs besides its files.
 *
 * @param model          which network (classification: cnn, average; tagging: crf, bilstm)
 * @param embeddings     random, static (frozen pretrained) or fine-tune (trainable pretrained)
 * @param randomDim      embedding dimension in random mode (pretrained modes take the vectors' dimension)
 * @param minCount       training words seen fewer times and without a pretrained vector map to the unknown row
 * @param lowercase      lower-case classification text when tokenising / tagging words before lookup
 * @param tagScheme      the tag scheme of CoNLL input files; IOB1 (CoNLL-2003's) by default, which reads IOB2 files
 *                       unchanged too
 * @param epochs         maximum number of epochs
 * @param patience       stop after this many epochs without a better dev score
 * @param batchSize      sentences per minibatch
 * @param optimizer      optimiser, learning rates and their schedule, weight decay, gradient clipping
 * @param dropout        probability of dropping an input of the output layer
 * @param maxNorm        classifiers: after every update, each output unit's incoming weight vector is scaled down to
 *                       this l2 norm if longer (Kim's s = 3); 0 for no constraint
 * @param filterMaps     CNN feature maps per filter width
 * @param lstmSize       LSTM units per direction
 * @param seed           seed for initialisation, shuffling and dropout
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FineTuneConfig(ModelKind model, EmbeddingMode embeddings, int randomDim, int minCount,
                             boolean lowercase, TagScheme tagScheme, int epochs, int patience, int batchSize,
                             OptimizerConfig optimizer, double dropout, double maxNorm, int filterMaps, int lstmSize,
                             long seed) {

    /** The embedding mode a run takes unless told otherwise: pretrained vectors, trained with the task. */
    public static final EmbeddingMode DEFAULT_EMBEDDINGS = EmbeddingMode.FINE_TUNE;

    /** Kim (2014)'s CNN settings (dropout 0.5, max-norm 3, 100 maps per width, batches of 50), AdamW for Adadelta. */
    public static FineTuneConfig defaults(ModelKind model, EmbeddingMode embeddings) {
        return new FineTuneConfig(model, embeddings, 300, 2, !model.isTagger(), TagScheme.IOB1, 20, 3, 50,
                OptimizerConfig.defaults(), 0.5, 3, 100, 100, 42);
    }

    /** This config with another embedding mode and random-mode dimension. */
    public FineTuneConfig withEmbeddings(EmbeddingMode mode, int dim) {
        return new FineTuneConfig(model, mode, dim, minCount, lowercase, tagScheme, epochs, patience, batchSize,
                optimizer, dropout, maxNorm, filterMaps, lstmSize, seed);
    }

    public FineTuneConfig validate() {
        requireAtLeast("randomDim", randomDim, 1);
        requireAtLeast("minCount", minCount, 1);
        requireAtLeast("epochs", epochs, 1);
        requireAtLeast("patience", patience, 1);
        requireAtLeast("batchSize", batchSize, 1);
        requireAtLeast("filterMaps", filterMaps, 1);
        requireAtLeast("lstmSize", lstmSize, 1);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(maxNorm >= 0 && maxNorm < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("maxNorm must be 0 (none) or a positive finite norm, got " + maxNorm);
        }
        if (model == null || embeddings == null || tagScheme == null || optimizer == null) {
            throw new IllegalArgumentException("model, embeddings, tagScheme and optimizer must be set");
        }
        optimizer.validate();
        return this;
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }
}
