package dev.embeddings.checkpoint;

import dev.embeddings.config.Validation;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a training job resumes from its checkpoint and how often it writes one: after every N averaging rounds,
 * or after the first round that ends at least some time after the previous checkpoint (or the start of training);
 * in both cases after the last round. A time interval bounds both the training a failure can lose and the share of
 * the run that checkpoints take, however short the rounds are.
 *
 * @param resume      continue from a matching checkpoint if there is one (otherwise always start fresh)
 * @param everyRounds write after every this many rounds; 0 when {@code everyTime} decides
 * @param everyTime   write once this much time has passed since the previous checkpoint; null when counting rounds
 */
public record CheckpointPolicy(boolean resume, int everyRounds, Duration everyTime) implements java.io.Serializable {

    /** Resume from a matching checkpoint by default. */
    public static final boolean DEFAULT_RESUME = true;

    /** Resume when possible, checkpoint after every round (the job API's default). */
    public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(DEFAULT_RESUME, 1);

    /** The command line's default {@code --checkpoint-every}. */
    public static final String DEFAULT_INTERVAL = "2m";

    private static final Pattern TIME = Pattern.compile("(\\d{1,9})([smh])");

    public CheckpointPolicy {
        if (everyTime == null) {
            Validation.range("checkpointEvery", everyRounds, 1, 1_000_000);
        } else if (everyRounds != 0 || everyTime.isNegative() || everyTime.isZero()) {
            throw new IllegalArgumentException("checkpointEvery must be a number of rounds or a positive time, "
                    + "not both: " + everyRounds + " rounds, " + everyTime);
        }
    }

    /** After every {@code everyRounds} rounds. */
    public CheckpointPolicy(boolean resume, int everyRounds) {
        this(resume, everyRounds, null);
    }

    /**
     * From {@code --checkpoint-every}: a number of rounds ({@code 4}) or a time with its unit ({@code 90s},
     * {@code 2m}, {@code 1h}).
     */
    public static CheckpointPolicy of(boolean resume, String every) {
        String value = every.trim();
        Matcher time = TIME.matcher(value);
        if (time.matches()) {
            long amount = Long.parseLong(time.group(1));
            Duration interval = switch (time.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            return new CheckpointPolicy(resume, 0, interval);
        }
        if (value.matches("-?\\d{1,9}")) {
            return new CheckpointPolicy(resume, Integer.parseInt(value));
        }
        throw new IllegalArgumentException("checkpointEvery must be a number of rounds (4) or a time (90s, 2m, 1h), "
                + "got '" + every + "'");
    }

    /**
     * Whether to write a checkpoint once {@code roundsDone} of {@code totalRounds} rounds are complete, {@code
     * sinceLast} after the previous checkpoint (or the start of training).
     */
    public boolean due(int roundsDone, int totalRounds, Duration sinceLast) {
        if (roundsDone == totalRounds) {
            return true;
        }
        return everyTime == null ? roundsDone % everyRounds == 0 : sinceLast.compareTo(everyTime) >= 0;
    }
}
