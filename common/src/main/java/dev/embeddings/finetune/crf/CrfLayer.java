package dev.embeddings.finetune.crf;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static dev.embeddings.finetune.crf.CrfParamInitializer.BIAS;
import static dev.embeddings.finetune.crf.CrfParamInitializer.END;
import static dev.embeddings.finetune.crf.CrfParamInitializer.START;
import static dev.embeddings.finetune.crf.CrfParamInitializer.TRANSITIONS;
import static dev.embeddings.finetune.crf.CrfParamInitializer.WEIGHTS;

/**
 * The network layer of a {@link CrfOutputLayer}: emissions by ND4J, the CRF's sums and Viterbi per sentence in
 * plain Java ({@link LinearChainCrf}; the tag count is small). The score is the summed negative log-likelihood
 * divided by the minibatch size, as DL4J's losses; gradients are sums, which DL4J's updater divides likewise.
 */
final class CrfLayer extends BaseOutputLayer<CrfOutputLayer> {

    private transient TagConstraints constraints;

    CrfLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    /** The input as {@code [batch * time, nIn]} rows in (sentence, token) order, and its tag scores. */
    private record Emissions(INDArray rows, double[] values, int batch, int time) {
    }

    /** Per-sentence negative log-likelihoods and the summed gradients, laid out as emissions and parameters. */
    private record Fit(double[] negLogLikelihoods, double[] emissionGradient, double[] transitionGradient,
                       double[] startGradient, double[] endGradient) {
    }

    private Emissions emissions(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        if (input.rank() != 3) {
            throw new IllegalStateException("a CRF layer takes [batch, features, time] input, got "
                    + Arrays.toString(input.shape()) + " " + layerId());
        }
        int batch = (int) input.size(0);
        int time = (int) input.size(2);
        INDArray rows = input.permute(0, 2, 1).dup('c').reshape('c', new long[] {(long) batch * time, input.size(1)});
        INDArray scores = rows.mmul(getParam(WEIGHTS)).addiRowVector(getParam(BIAS));
        return new Emissions(rows, values(scores), batch, time);
    }

    private LinearChainCrf crf() {
        if (constraints == null) {
            constraints = TagConstraints.iob2(layerConf().getTags());
        }
        return new LinearChainCrf(vector(TRANSITIONS), vector(START), vector(END), constraints);
    }

    private double[] vector(String param) {
        return values(getParam(param));
    }

    /** An array's elements in row-major order. */
    private static double[] values(INDArray array) {
        return Nd4j.toFlattened('c', array).toDoubleVector();
    }

    /** Each sentence's length: the mask must be 1 on a prefix of its row (all tokens when there is no mask). */
    private int[] lengths(int batch, int time) {
        int[] lengths = new int[batch];
        if (maskArray == null) {
            Arrays.fill(lengths, time);
            return lengths;
        }
        if (maskArray.length() != (long) batch * time) {
            throw new IllegalStateException("CRF mask of shape " + Arrays.toString(maskArray.shape())
                    + " for " + batch + " sentences of " + time + " steps " + layerId());
        }
        double[] mask = values(maskArray.castTo(DataType.DOUBLE));
        for (int b = 0; b < batch; b++) {
            while (lengths[b] < time && mask[b * time + lengths[b]] != 0) {
                lengths[b]++;
            }
            for (int t = lengths[b]; t < time; t++) {
                if (mask[b * time + t] != 0) {
                    throw new IllegalStateException("CRF mask row " + b + " is not 1 on a prefix " + layerId());
                }
            }
        }
        return lengths;
    }

    /** The gold tag of every (sentence, token), from one-hot labels {@code [batch, tags, time]}, -1 where none. */
    private int[] goldTags(int batch, int tags, int time) {
        if (labels == null) {
            throw new IllegalStateException("a CRF layer needs labels to score " + layerId());
        }
        double[] oneHot = values(labels.castTo(DataType.DOUBLE));
        int[] gold = new int[batch * time];
        Arrays.fill(gold, -1);
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < tags; k++) {
                for (int t = 0; t < time; t++) {
                    if (oneHot[(b * tags + k) * time + t] > 0) {
                        gold[b * time + t] = k;
                    }
                }
            }
        }
        return gold;
    }

    private Fit fit(Emissions emissions) {
        LinearChainCrf crf = crf();
        int tags = crf.tags();
        int batch = emissions.batch();
        int time = emissions.time();
        int[] lengths = lengths(batch, time);
        int[] gold = goldTags(batch, tags, time);
        Fit fit = new Fit(new double[batch], new double[emissions.values().length], new double[tags * tags],
                new double[tags], new double[tags]);
        int[] sentence = new int[time];
        for (int b = 0; b < batch; b++) {
            if (lengths[b] == 0) {
                continue;
            }
            System.arraycopy(gold, b * time, sentence, 0, lengths[b]);
            for (int t = 0; t < lengths[b]; t++) {
                if (sentence[t] < 0) {
                    throw new IllegalStateException("sentence " + b + " has no gold tag at token " + t + " "
                            + layerId());
                }
            }
            fit.negLogLikelihoods()[b] = crf.negLogLikelihood(emissions.values(), b * time * tags, lengths[b],
                    sentence, fit.emissionGradient(), fit.transitionGradient(), fit.startGradient(),
                    fit.endGradient());
        }
        return fit;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Emissions emissions = emissions(true, workspaceMgr);
        Fit fit = fit(emissions);
        int tags = layerConf().getTags().size();
        INDArray delta = Nd4j.create(fit.emissionGradient(), new long[] {emissions.rows().size(0), tags}, 'c')
                .castTo(emissions.rows().dataType());
        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(WEIGHTS);
        Nd4j.gemm(emissions.rows(), delta, weightGradient, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(WEIGHTS, weightGradient);
        setGradient(gradient, BIAS, delta.sum(0));
        setGradient(gradient, TRANSITIONS, Nd4j.createFromArray(fit.transitionGradient()));
        setGradient(gradient, START, Nd4j.createFromArray(fit.startGradient()));
        setGradient(gradient, END, Nd4j.createFromArray(fit.endGradient()));
        this.gradient = gradient;
        this.score = scoreOf(fit, 0);

        INDArray inputGradient = delta.mmul(getParam(WEIGHTS).transpose())
                .reshape('c', new long[] {emissions.batch(), emissions.time(), input.size(1)}).permute(0, 2, 1);
        inputGradient = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, inputGradient, 'c');
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }

    private void setGradient(Gradient gradient, String param, INDArray values) {
        INDArray view = gradientViews.get(param);
        view.assign(values.reshape(view.shape()).castTo(view.dataType()));
        gradient.gradientForVariable().put(param, view);
    }

    private double scoreOf(Fit fit, double regularization) {
        double sum = regularization;
        for (double nll : fit.negLogLikelihoods()) {
            sum += nll;
        }
        return conf().isMiniBatch() ? sum / fit.negLogLikelihoods().length : sum;
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        score = scoreOf(fit(emissions(training, workspaceMgr)), fullNetRegTerm);
        return score;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        double[] scores = fit(emissions(false, workspaceMgr)).negLogLikelihoods().clone();
        for (int b = 0; b < scores.length; b++) {
            scores[b] += fullNetRegTerm;
        }
        INDArray column = Nd4j.create(scores, new long[] {scores.length, 1}, 'c').castTo(dataType);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, column);
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        backpropGradient(null, workspaceMgr);
    }

    /** The Viterbi path of each sentence, one-hot {@code [batch, tags, time]}, zero after each sentence's end. */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Emissions emissions = emissions(training, workspaceMgr);
        LinearChainCrf crf = crf();
        int tags = crf.tags();
        int batch = emissions.batch();
        int time = emissions.time();
        int[] lengths = lengths(batch, time);
        float[] oneHot = new float[batch * tags * time];
        for (int b = 0; b < batch; b++) {
            if (lengths[b] == 0) {
                continue;
            }
            int[] path = crf.viterbi(emissions.values(), b * time * tags, lengths[b]);
            for (int t = 0; t < path.length; t++) {
                oneHot[(b * tags + path[t]) * time + t] = 1;
            }
        }
        INDArray output = Nd4j.create(oneHot, new long[] {batch, tags, time}, 'c').castTo(dataType);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, output);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    protected INDArray getLabels2d(LayerWorkspaceMgr workspaceMgr, ArrayType arrayType) {
        return labels;
    }
}
