package dev.embeddings.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * A failure a test causes on purpose (a killed executor, a damaged file that tasks or a resumed run read): prints one
 * {@code [expected]} line naming it, and mutes until closed the Spark loggers that report lost executors and failed
 * tasks (ERROR lines with stack traces), so a passing run's output holds nothing that reads like a real failure. The
 * test still sees the failure itself (exceptions, this project's own warnings), and its assertions check it.
 */
public final class ExpectedFailure implements AutoCloseable {

    /** Where Spark reports a lost executor or a failed task: the scheduler, the task set, the executor, its blocks. */
    private static final List<String> SPARK_REPORTS = List.of("org.apache.spark.scheduler.TaskSchedulerImpl",
            "org.apache.spark.scheduler.TaskSetManager", "org.apache.spark.executor.Executor",
            "org.apache.spark.storage.BlockManager");

    private final Map<String, Level> levels = new LinkedHashMap<>();

    private ExpectedFailure(String failure) {
        System.err.println("[expected] " + failure + " (on purpose; Spark's reports of lost executors and failed "
                + "tasks are muted until the test has checked the outcome)");
        for (String logger : SPARK_REPORTS) {
            levels.put(logger, LogManager.getLogger(logger).getLevel());
            Configurator.setLevel(logger, Level.OFF);
        }
    }

    /** Announces {@code failure}, which the test is about to cause, and mutes Spark's reports of it. */
    public static ExpectedFailure begin(String failure) {
        return new ExpectedFailure(failure);
    }

    /** Restores the muted loggers' levels. */
    @Override
    public void close() {
        levels.forEach(Configurator::setLevel);
    }
}
