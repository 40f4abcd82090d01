package dev.embeddings.finetune;

import dev.embeddings.finetune.crf.CrfOutputLayer;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.Nd4jMatrices;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Set;

/**
 * Network configurations for the downstream models, kept apart from training so a Spark trainer can use the same
 * configuration and initial parameters. All models are computation graphs whose first input, {@value #TOKENS}, is
 * a {@code [batch, time]} matrix of embedding rows (padding masked); the taggers have a second input,
 * {@value #CASING}, a {@code [batch, casing categories, time]} one-hot matrix, and the CRF tagger a third,
 * {@value #CHARACTERS}, the words' character ids as {@link Batches#characterMatrix} lays them out.
 */
public final class Networks {

    public static final String TOKENS = "tokens";
    public static final String CASING = "casing";
    public static final String CHARACTERS = "characters";
    static final String EMBEDDING = "embedding";
    static final String OUTPUT = "output";
    private static final int[] CNN_FILTER_WIDTHS = {3, 4, 5};
    /** Ma and Hovy (2016)'s character CNN: 30-d character embeddings, 30 filters of width 3, max over the word. */
    private static final int CHARACTER_DIM = 30;
    private static final int CHARACTER_FILTERS = 30;
    private static final int CHARACTER_FILTER_WIDTH = 3;

    private Networks() {
    }

    /**
     * The configuration of {@code config.model()} for a table of {@code rows x dim} and output units named
     * {@code labels} (classes, or IOB2 tags), trained for at most {@code steps} minibatch steps (the length of the
     * learning-rate schedule).
     */
    public static ComputationGraphConfiguration configuration(FineTuneConfig config, int rows, int dim,
                                                              List<String> labels, long steps) {
        ComputationGraphConfiguration conf = switch (config.model()) {
            case CNN -> sentenceCnn(config, rows, dim, labels.size(), steps);
            case AVERAGE -> averagedVectors(config, rows, dim, labels.size(), steps);
            case BILSTM -> tagger(config, rows, dim, steps,
                    new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                            .dataFormat(RNNFormat.NCW).nOut(labels.size()));
            case CRF -> tagger(config, rows, dim, steps, new CrfOutputLayer.Builder(labels));
        };
        // No weight decay on word vectors: it would pull pretrained vectors towards zero.
        config.optimizer().regularize(conf, Set.of(EMBEDDING));
        return conf;
    }

    /**
     * A network of {@code configuration} with its embedding layer set to {@code embeddings}, copied one segment of
     * rows at a time so the table need not fit one Java array.
     */
    public static ComputationGraph create(ComputationGraphConfiguration configuration, EmbeddingMatrix embeddings) {
        ComputationGraph net = new ComputationGraph(configuration);
        net.init();
        Nd4jMatrices.assign(net.getParam(EMBEDDING + "_W"), embeddings.values());
        return net;
    }

    /**
     * A copy of {@code net} whose embedding table has {@code rows} appended after its own (for words met only at
     * prediction time); every other parameter is {@code net}'s. For inference: the updater state is not copied.
     */
    static ComputationGraph withEmbeddingRows(ComputationGraph net, FloatMatrix rows) {
        ComputationGraphConfiguration configuration = net.getConfiguration().clone();
        Layer layer = ((LayerVertex) configuration.getVertices().get(EMBEDDING)).getLayerConf().getLayer();
        FeedForwardLayer table = (FeedForwardLayer) (layer instanceof FrozenLayer frozen ? frozen.getLayer() : layer);
        long trained = table.getNIn();
        table.setNIn(trained + rows.rows());
        ComputationGraph extended = new ComputationGraph(configuration);
        extended.init();
        net.paramTable().forEach((name, values) -> {
            INDArray target = extended.getParam(name);
            if (name.equals(EMBEDDING + "_W")) {
                target.get(NDArrayIndex.interval(0, trained), NDArrayIndex.all()).assign(values);
                Nd4jMatrices.assign(target.get(NDArrayIndex.interval(trained, trained + rows.rows()),
                        NDArrayIndex.all()), rows);
            } else {
                target.assign(values);
            }
        });
        return extended;
    }

    private static ComputationGraphConfiguration sentenceCnn(FineTuneConfig c, int rows, int dim, int classes,
                                                             long steps) {
        ComputationGraphConfiguration.GraphBuilder graph = base(c, rows, dim, steps);
        String[] pooled = new String[CNN_FILTER_WIDTHS.length];
        for (int i = 0; i < CNN_FILTER_WIDTHS.length; i++) {
            int width = CNN_FILTER_WIDTHS[i];
            // Same-mode convolution pads with zero vectors, as Kim pads sentences; masks keep padding out of the max.
            graph.addLayer("conv" + width, new Convolution1DLayer.Builder().kernelSize(width).stride(1)
                    .convolutionMode(ConvolutionMode.Same).rnnDataFormat(RNNFormat.NCW).nIn(dim).nOut(c.filterMaps())
                    .activation(Activation.RELU).build(), EMBEDDING);
            pooled[i] = "maxpool" + width;
            graph.addLayer(pooled[i], new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "conv" + width);
        }
        graph.addVertex("features", new MergeVertex(), pooled);
        graph.addLayer(OUTPUT, softmax(c, CNN_FILTER_WIDTHS.length * c.filterMaps(), classes), "features");
        return graph.setOutputs(OUTPUT).build();
    }

    private static ComputationGraphConfiguration averagedVectors(FineTuneConfig c, int rows, int dim, int classes,
                                                                 long steps) {
        return base(c, rows, dim, steps)
                .addLayer("average", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), EMBEDDING)
                .addLayer(OUTPUT, softmax(c, dim, classes), "average")
                .setOutputs(OUTPUT).build();
    }

    /**
     * Word vectors and casing (and, if the model reads them, the character CNN's features of each word) into a
     * bidirectional LSTM, then {@code output} per token with dropout on its input.
     */
    private static ComputationGraphConfiguration tagger(FineTuneConfig c, int rows, int dim, long steps,
                                                        FeedForwardLayer.Builder<?> output) {
        ComputationGraphConfiguration.GraphBuilder graph = base(c, rows, dim, steps).addInputs(CASING);
        int features = dim + Casing.values().length;
        if (c.model().characterFeatures()) {
            graph.addInputs(CHARACTERS)
                    .addLayer("characterEmbedding", new EmbeddingSequenceLayer.Builder().outputDataFormat(RNNFormat.NCW)
                            .nIn(CharacterIds.COUNT).nOut(CHARACTER_DIM).hasBias(false).build(), CHARACTERS)
                    .addLayer("characterConv", new Convolution1DLayer.Builder().kernelSize(CHARACTER_FILTER_WIDTH)
                            .stride(1).convolutionMode(ConvolutionMode.Same).rnnDataFormat(RNNFormat.NCW)
                            .nIn(CHARACTER_DIM).nOut(CHARACTER_FILTERS).activation(Activation.TANH).build(),
                            "characterEmbedding")
                    .addLayer("characterPool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "characterConv")
                    // [time * batch, filters] rows back to [batch, filters, time], in Batches#characterMatrix's order.
                    .addVertex("wordCharacters",
                            new PreprocessorVertex(new FeedForwardToRnnPreProcessor(RNNFormat.NCW)), "characterPool")
                    .addVertex("features", new MaskedMergeVertex(), EMBEDDING, CASING, "wordCharacters");
            features += CHARACTER_FILTERS;
        } else {
            graph.addVertex("features", new MergeVertex(), EMBEDDING, CASING);
        }
        return graph
                .addLayer("bilstm", new Bidirectional(Bidirectional.Mode.CONCAT, new LSTM.Builder().dataFormat(RNNFormat.NCW)
                        .nIn(features).nOut(c.lstmSize()).activation(Activation.TANH).build()), "features")
                .addLayer(OUTPUT, output.nIn(2 * c.lstmSize()).dropOut(1 - c.dropout()).build(), "bilstm")
                .setOutputs(OUTPUT).build();
    }

    /** The optimiser (see {@link OptimizerConfig}) and the embedding layer. */
    private static ComputationGraphConfiguration.GraphBuilder base(FineTuneConfig c, int rows, int dim, long steps) {
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .weightInit(WeightInit.XAVIER);
        c.optimizer().configure(builder, steps);
        return builder.graphBuilder()
                .addInputs(TOKENS)
                .addLayer(EMBEDDING, embeddingLayer(c, rows, dim, steps), TOKENS);
    }

    private static Layer embeddingLayer(FineTuneConfig c, int rows, int dim, long steps) {
        EmbeddingSequenceLayer.Builder layer = new EmbeddingSequenceLayer.Builder().outputDataFormat(RNNFormat.NCW)
                .nIn(rows).nOut(dim).hasBias(false);
        if (c.embeddings() == EmbeddingMode.FINE_TUNE) {
            layer.updater(c.optimizer().updater(c.optimizer().embeddingLearningRate(), steps));
        }
        // The table is the network's first layer, so a frozen one needs no gradient at all: FrozenLayer skips its
        // backward pass, where FrozenLayerWithBackprop would still compute the table's gradient and discard it.
        return c.embeddings().trainable() ? layer.build() : new FrozenLayer(layer.build());
    }

    /**
     * The classifier's softmax layer, with Kim's max-norm if asked: W is {@code [inputs, classes]}, so the norm over
     * dimension 0 is that of each class's weight vector, as Kim's column norms (DL4J's own docs suggest dimension 1,
     * which would bound each input's weights instead).
     */
    private static Layer softmax(FineTuneConfig c, int inputs, int classes) {
        OutputLayer.Builder layer = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(inputs).nOut(classes).dropOut(1 - c.dropout());
        if (c.maxNorm() > 0) {
            layer.constrainWeights(new MaxNormConstraint(c.maxNorm(), 0));
        }
        return layer.build();
    }
}
