package dev.embeddings.publish;

import dev.embeddings.config.Validation;
import java.time.Duration;

/**
 * Where and how vectors are published.
 *
 * @param root           the published root ({@code ROOT/LATEST}, {@code ROOT/versions/<id>/}), any Hadoop path
 * @param keep           versions kept in {@code ROOT/versions} (the current one is never deleted)
 * @param staleLockAfter a publish lock older than this is taken to be left by a dead publisher and taken over
 */
public record PublishConfig(String root, int keep, Duration staleLockAfter) {

    public static final int DEFAULT_KEEP = 5;
    public static final Duration DEFAULT_STALE_LOCK_AFTER = Duration.ofHours(6);

    public PublishConfig {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("--root must be a path, got '" + root + "'");
        }
        Validation.range("--keep", keep, 1, 10_000);
        if (staleLockAfter == null || staleLockAfter.isNegative() || staleLockAfter.isZero()) {
            throw new IllegalArgumentException("staleLockAfter must be positive, got " + staleLockAfter);
        }
    }

    public static PublishConfig of(String root) {
        return new PublishConfig(root, DEFAULT_KEEP, DEFAULT_STALE_LOCK_AFTER);
    }
}
