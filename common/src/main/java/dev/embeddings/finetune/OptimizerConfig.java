package dev.embeddings.finetune;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * How the parameters are updated: the optimiser, its learning rates and their schedule, weight decay and gradient
 * clipping, and their wiring into a DL4J configuration.
 *
 * @param optimizer             adamw, adam or adadelta (see {@link Optimizer})
 * @param learningRate          Adam's step size at its peak (after the warm-up); unused by adadelta
 * @param embeddingLearningRate Adam's peak step size for the pretrained vectors in fine-tune mode (random vectors,
 *                              which start from nothing, train at {@code learningRate}): Adam moves each entry of
 *                              every word in a minibatch by about this much whatever its gradient, so a smaller rate
 *                              keeps fine-tuned vectors nearer what pretraining learnt; same schedule
 * @param weightDecay           adamw: decoupled, applied after the Adam step and scaled by the current learning rate
 *                              ({@code w -= lr * weightDecay * w}, as PyTorch's AdamW); adam, adadelta: an l2 penalty
 *                              added to the gradient (PyTorch's {@code weight_decay} of those). Weights only: never
 *                              biases, nor the embedding table (it would pull pretrained vectors towards zero)
 * @param schedule              the learning rate after the warm-up (see {@link LrSchedule}); adadelta: constant
 * @param warmup                linear warm-up: a whole number of steps (minibatches) if at least 1, else a fraction of
 *                              all steps; step i (from 0) of W gets (i + 1) / W of the rate; 0 for none
 * @param clipNorm              each layer's gradient is scaled down to this l2 norm if longer, before the optimiser
 *                              sees it (DL4J's {@code ClipL2PerLayer}; PyTorch's {@code clip_grad_norm_} takes one
 *                              norm over all parameters instead); 0 for none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OptimizerConfig(Optimizer optimizer, double learningRate, double embeddingLearningRate,
                              double weightDecay, LrSchedule schedule, double warmup, double clipNorm) {

    /** AdamW at 1e-3 with PyTorch's decay of 0.01, a constant rate, no warm-up, no clipping. */
    public static OptimizerConfig defaults() {
        return new OptimizerConfig(Optimizer.ADAMW, 1e-3, 1e-3, Optimizer.ADAMW.defaultWeightDecay(),
                LrSchedule.CONSTANT, 0, 0);
    }

    public OptimizerConfig validate() {
        if (optimizer == null || schedule == null) {
            throw new IllegalArgumentException("optimizer and schedule must be set");
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
        }
        if (!(embeddingLearningRate > 0 && embeddingLearningRate <= 1)) {
            throw new IllegalArgumentException("embeddingLearningRate must be in (0, 1], got " + embeddingLearningRate);
        }
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            throw new IllegalArgumentException("weightDecay must be in [0, 1), got " + weightDecay);
        }
        if (!(warmup >= 0 && warmup < Integer.MAX_VALUE) || warmup >= 1 && warmup != Math.rint(warmup)) {
            throw new IllegalArgumentException("warmup must be a whole number of steps or a fraction in [0, 1), got "
                    + warmup);
        }
        if (!(clipNorm >= 0 && clipNorm < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("clipNorm must be 0 (none) or a positive finite norm, got " + clipNorm);
        }
        if (!optimizer.hasLearningRate() && (schedule != LrSchedule.CONSTANT || warmup > 0)) {
            throw new IllegalArgumentException("adadelta has no learning rate to schedule or warm up: use schedule "
                    + "constant and warmup 0 with it");
        }
        return this;
    }

    /** Warm-up steps of a run of {@code steps} minibatch steps; more than the run has is an error. */
    public int warmupSteps(long steps) {
        long w = warmup >= 1 ? (long) warmup : Math.round(warmup * steps);
        if (w > steps) {
            throw new IllegalArgumentException("warmup of " + w + " steps exceeds the run's " + steps
                    + " (epochs x minibatches per epoch)");
        }
        return (int) w;
    }

    /** The updater and gradient clipping of a run of {@code steps} minibatch steps. */
    void configure(NeuralNetConfiguration.Builder builder, long steps) {
        builder.updater(updater(learningRate, steps));
        if (clipNorm > 0) {
            builder.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(clipNorm);
        }
    }

    /**
     * Sets the weight decay of every layer's weights in a built configuration, except the layers named in
     * {@code exempt}, which get none. Set here rather than through the builder, which lists a network-wide decay
     * twice in each layer (DL4J applies both) and hands it to layers that asked for none.
     */
    void regularize(ComputationGraphConfiguration conf, Set<String> exempt) {
        List<Regularization> decay = weightDecay == 0 ? List.of()
                : List.of(optimizer == Optimizer.ADAMW ? new WeightDecay(weightDecay, true)
                : new L2Regularization(weightDecay));
        conf.getVertices().forEach((name, vertex) -> {
            if (vertex instanceof LayerVertex layer) {
                for (BaseLayer weights : weightLayers(layer.getLayerConf().getLayer())) {
                    weights.setRegularization(new ArrayList<>(exempt.contains(name) ? List.of() : decay));
                }
            }
        });
    }

    /** The layers with weights inside {@code layer}: itself, or those it wraps. */
    private static List<BaseLayer> weightLayers(Layer layer) {
        if (layer instanceof FrozenLayer frozen) {
            return weightLayers(frozen.getLayer());
        }
        if (layer instanceof Bidirectional both) {
            List<BaseLayer> inner = new ArrayList<>(weightLayers(both.getFwd()));
            inner.addAll(weightLayers(both.getBwd()));
            return inner;
        }
        return layer instanceof BaseLayer weights ? List.of(weights) : List.of();
    }

    /** The optimiser with peak rate {@code rate} on this config's schedule, over {@code steps} minibatch steps. */
    IUpdater updater(double rate, long steps) {
        if (!optimizer.hasLearningRate()) {
            return new AdaDelta();
        }
        ISchedule schedule = schedule(rate, steps);
        return schedule == null ? new Adam(rate) : new Adam(schedule);
    }

    /** The learning rate by iteration, or null for a constant rate. */
    ISchedule schedule(double rate, long steps) {
        int warm = warmupSteps(steps);
        return schedule == LrSchedule.CONSTANT && warm == 0 ? null : new WarmupSchedule(schedule, rate, warm, steps);
    }
}
