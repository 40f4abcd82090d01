package dev.embeddings.finetune.crf;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;

import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of a linear-chain CRF output layer for DL4J computation graphs: a per-token linear map of its
 * {@code [batch, nIn, time]} input to tag scores (emissions), then a {@link LinearChainCrf} over the IOB2 tags
 * {@link #getTags()} whose transition, start and end scores are parameters. Training minimises the sentences'
 * negative log-likelihood; its output is the Viterbi path, one-hot {@code [batch, tags, time]} (zero at padding).
 * Labels are one-hot {@code [batch, tags, time]} with a {@code [batch, time]} mask that is 1 on a prefix of each row.
 */
public final class CrfOutputLayer extends BaseOutputLayer {

    private List<String> tags;

    /** For JSON deserialisation. */
    public CrfOutputLayer() {
    }

    private CrfOutputLayer(Builder builder) {
        super(builder);
        this.tags = builder.tags;
        initializeConstraints(builder);
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = new ArrayList<>(tags);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        CrfLayer layer = new CrfLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return CrfParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)) {
            throw new IllegalStateException("a CRF layer needs recurrent input, got " + inputType);
        }
        return InputType.recurrent(nOut, recurrent.getTimeSeriesLength(), RNNFormat.NCW);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)) {
            throw new IllegalStateException("a CRF layer needs recurrent input, got " + inputType);
        }
        if (nIn <= 0 || override) {
            nIn = recurrent.getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof CrfOutputLayer other && Objects.equals(tags, other.tags);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(tags);
    }

    /** Builds a CRF layer over {@code tags} (output-unit order); nOut is their number. */
    public static final class Builder extends BaseOutputLayer.Builder<Builder> {

        private final List<String> tags;

        public Builder(List<String> tags) {
            // Unused (the loss is the CRF's negative log-likelihood), but DL4J's output-layer check reads them.
            super(LossFunctions.LossFunction.MSE);
            activation(Activation.IDENTITY);
            TagConstraints.iob2(tags);
            this.tags = new ArrayList<>(tags);
            nOut(tags.size());
        }

        @Override
        @SuppressWarnings("unchecked")
        public CrfOutputLayer build() {
            return new CrfOutputLayer(this);
        }
    }
}
