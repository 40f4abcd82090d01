package dev.embeddings.finetune.crf;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a {@link CrfOutputLayer} in one flat view: the emission weights {@value #WEIGHTS}
 * {@code [nIn, tags]} ('f' order, as DL4J's dense layers) and bias {@value #BIAS}, then the CRF's scores as
 * vectors: {@value #TRANSITIONS} ({@code from * tags + to}), {@value #START} and {@value #END}. The weights start
 * as the configured weight initialisation gives; bias and CRF scores start at zero. Only the weights are weights
 * for regularisation.
 */
final class CrfParamInitializer implements ParamInitializer {

    static final String WEIGHTS = "W";
    static final String BIAS = "b";
    static final String TRANSITIONS = "transitions";
    static final String START = "start";
    static final String END = "end";
    static final CrfParamInitializer INSTANCE = new CrfParamInitializer();

    private static final List<String> KEYS = List.of(WEIGHTS, BIAS, TRANSITIONS, START, END);

    private CrfParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        long[] lengths = lengths((CrfOutputLayer) layer);
        long sum = 0;
        for (long length : lengths) {
            sum += length;
        }
        return sum;
    }

    private static long[] lengths(CrfOutputLayer layer) {
        long tags = layer.getNOut();
        return new long[] {layer.getNIn() * tags, tags, tags * tags, tags, tags};
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHTS);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHTS.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        CrfOutputLayer layer = (CrfOutputLayer) conf.getLayer();
        if (paramsView.length() != numParams(layer)) {
            throw new IllegalStateException("expected " + numParams(layer) + " CRF layer parameters, got "
                    + paramsView.length());
        }
        Map<String, INDArray> params = views(layer, paramsView);
        if (initializeParams) {
            IWeightInit init = layer.getWeightInitFn();
            init.init(layer.getNIn(), layer.getNOut(), new long[] {layer.getNIn(), layer.getNOut()}, 'f',
                    flatView(paramsView, 0, layer.getNIn() * layer.getNOut()));
            for (String key : KEYS.subList(1, KEYS.size())) {
                params.get(key).assign(0);
            }
        }
        for (String key : KEYS) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((CrfOutputLayer) conf.getLayer(), gradientView);
    }

    /** Each parameter's view of the flat array, the weights as {@code [nIn, tags]} in 'f' order. */
    private static Map<String, INDArray> views(CrfOutputLayer layer, INDArray flat) {
        long[] lengths = lengths(layer);
        Map<String, INDArray> views = new LinkedHashMap<>();
        long offset = 0;
        for (int i = 0; i < KEYS.size(); i++) {
            INDArray view = flatView(flat, offset, lengths[i]);
            views.put(KEYS.get(i), i == 0 ? view.reshape('f', new long[] {layer.getNIn(), layer.getNOut()}) : view);
            offset += lengths[i];
        }
        return views;
    }

    /** Elements {@code [offset, offset + length)} of a vector, whether DL4J hands it over as {@code [n]} or {@code [1, n]}. */
    private static INDArray flatView(INDArray flat, long offset, long length) {
        return flat.rank() == 1 ? flat.get(NDArrayIndex.interval(offset, offset + length))
                : flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + length));
    }
}
