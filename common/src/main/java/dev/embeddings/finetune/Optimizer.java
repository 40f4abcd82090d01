package dev.embeddings.finetune;

/**
 * The update rule, named as PyTorch names it, with PyTorch's meaning of {@code weight_decay}: decoupled for AdamW
 * (default 0.01, PyTorch's), an l2 penalty added to the gradient for Adam and Adadelta (default 0).
 */
public enum Optimizer {
    /** Adam with decoupled weight decay (Loshchilov and Hutter): Adam's step, then {@code w -= lr * decay * w}. */
    ADAMW(0.01),
    /** Adam; weight decay is an l2 penalty on the gradient, which Adam's scaling then weakens for large gradients. */
    ADAM(0),
    /** Adadelta as Kim trained his CNN (rho 0.95, epsilon 1e-6): no learning rate, so no schedule either. */
    ADADELTA(0);

    private final double defaultWeightDecay;

    Optimizer(double defaultWeightDecay) {
        this.defaultWeightDecay = defaultWeightDecay;
    }

    public double defaultWeightDecay() {
        return defaultWeightDecay;
    }

    public boolean hasLearningRate() {
        return this != ADADELTA;
    }
}
