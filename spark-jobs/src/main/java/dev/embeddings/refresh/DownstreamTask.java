package dev.embeddings.refresh;

import dev.embeddings.finetune.FineTuneRun;
import java.util.regex.Pattern;

/**
 * A model a refresh re-fine-tunes on every new version and publishes beside its vectors, in
 * {@code versions/<id>/models/<name>/}.
 *
 * @param name    the task's name: its directory, and how {@code predict --task-name} picks it
 * @param run     the {@code finetune} run, its vectors and output replaced by the refresh's
 * @param threads ND4J's native threads while it trains ({@code finetune --threads})
 */
public record DownstreamTask(String name, FineTuneRun run, int threads) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    public DownstreamTask {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--downstream: a task name is letters, digits, '-' and '_', got '"
                    + name + "'");
        }
        if (run.compare()) {
            throw new IllegalArgumentException("downstream task " + name + ": one embedding mode, not --compare");
        }
    }
}
