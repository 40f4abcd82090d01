package dev.embeddings.finetune;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A DL4J learning-rate schedule by iteration (minibatch steps, from 0): a linear warm-up, step i of
 * {@code warmup} getting (i + 1) / warmup of the rate, then {@link LrSchedule#factor} of it, down to 0 at
 * {@code steps}. DL4J's own schedules do not serve: it has no cosine, its {@code PolySchedule} decays from iteration
 * 0 rather than from the end of the warm-up, and its {@code RampSchedule} warm-up cannot be read back from a saved
 * model (no JSON creator). DL4J saves schedules in the model's JSON configuration by class name, so this one has one.
 */
public final class WarmupSchedule implements ISchedule {

    @JsonProperty private final LrSchedule shape;
    @JsonProperty private final double rate;
    @JsonProperty private final long warmup;
    @JsonProperty private final long steps;

    @JsonCreator
    public WarmupSchedule(@JsonProperty("shape") LrSchedule shape, @JsonProperty("rate") double rate,
                          @JsonProperty("warmup") long warmup, @JsonProperty("steps") long steps) {
        if (warmup < 0 || steps < warmup) {
            throw new IllegalArgumentException("warmup must be between 0 and the " + steps + " steps, got " + warmup);
        }
        this.shape = Objects.requireNonNull(shape);
        this.rate = rate;
        this.warmup = warmup;
        this.steps = steps;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmup) {
            return rate * (iteration + 1) / warmup;
        }
        return steps == warmup ? rate : rate * shape.factor((double) (iteration - warmup) / (steps - warmup));
    }

    @Override
    public ISchedule clone() {
        return new WarmupSchedule(shape, rate, warmup, steps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WarmupSchedule s && s.shape == shape && s.rate == rate && s.warmup == warmup
                && s.steps == steps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(shape, rate, warmup, steps);
    }
}
