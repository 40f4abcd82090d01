package dev.embeddings.tune;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A hyper-parameter search: the configurations of the space (random samples or the grid) go through the rungs of
 * {@link TuneConfig#rungs}, {@link TuneConfig#parallel} trials at a time, and each finished trial is appended to the
 * {@link TrialLog} at once. Run again on the same log, it skips every trial already there: a search stopped by a
 * crash resumes where it stopped.
 */
public final class Search {

    /** Trains configuration {@code id} for {@code epochs} from scratch and scores it by the objective. */
    @FunctionalInterface
    public interface TrialRunner {
        /**
         * The objective of the trial; {@link RefusedConfiguration} if word2vec does not accept the parameters (the
         * trial fails, the search goes on); any other exception stops the search.
         */
        double run(int id, int rung, int epochs, Map<String, Object> parameters) throws Exception;
    }

    /** Word2vec refuses a trial's combination of parameters (e.g. minn above maxn). */
    public static final class RefusedConfiguration extends Exception {
        private static final long serialVersionUID = 1L;

        public RefusedConfiguration(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param trials   every trial of the search, in the order they finished (those of earlier runs first)
     * @param resumed  how many of them an earlier run had finished
     */
    public record Outcome(List<Trial> trials, int resumed) {
        /** The best trial of the highest rung any trial completed: the configuration to use. */
        public Optional<Trial> best() {
            int top = trials.stream().filter(Trial::completed).mapToInt(Trial::rung).max().orElse(-1);
            return trials.stream().filter(t -> t.completed() && t.rung() == top).min(Halving.BEST_FIRST);
        }

        /** Epochs trained over all trials: the search's cost. */
        public long trialEpochs() {
            return trials.stream().mapToLong(Trial::epochs).sum();
        }
    }

    private final SearchSpace space;
    private final TuneConfig config;
    private final TrialLog log;

    public Search(SearchSpace space, TuneConfig config, TrialLog log) {
        this.space = space;
        this.config = config.validate();
        this.log = log;
    }

    /** The configurations the first rung of a search of {@code space} trains, by id: random samples, or the grid. */
    public static List<Map<String, Object>> configurations(SearchSpace space, TuneConfig config) {
        if (config.strategy() == TuneConfig.Strategy.RANDOM) {
            return IntStream.range(0, config.trials()).mapToObj(id -> space.sample(config.seed(), id)).toList();
        }
        List<Map<String, Object>> grid = space.grid(config.gridPoints());
        if (grid.size() > TuneConfig.MAX_TRIALS) {
            throw new IllegalArgumentException("--grid-points " + config.gridPoints() + " makes a grid of " + grid.size()
                    + " points, more than " + TuneConfig.MAX_TRIALS + "; give fewer points or a smaller space");
        }
        return grid;
    }

    /** Runs the search, calling {@code finished} (from the trials' threads) with each trial this run finishes. */
    public Outcome run(TrialRunner runner, Consumer<Trial> finished) throws IOException, InterruptedException {
        List<Map<String, Object>> configurations = configurations(space, config);
        List<Trial> trials = Collections.synchronizedList(new ArrayList<>(log.read()));
        int resumed = trials.size();
        Map<String, Trial> done = new HashMap<>();
        trials.forEach(t -> done.put(t.key(), t));
        List<Integer> rungs = config.rungs();
        List<Integer> ids = IntStream.range(0, configurations.size()).boxed().toList();
        for (int rung = 0; rung < rungs.size() && !ids.isEmpty(); rung++) {
            int r = rung;
            List<Integer> toRun = ids.stream().filter(id -> !done.containsKey(Trial.key(id, r))).toList();
            Consumer<Trial> record = trial -> {
                trials.add(trial);
                finished.accept(trial);
            };
            for (Trial trial : runAll(toRun, rung, rungs.get(rung), configurations, runner, record)) {
                done.put(trial.key(), trial);
            }
            List<Trial> rungTrials = ids.stream().map(id -> done.get(Trial.key(id, r))).toList();
            ids = Halving.promoted(rungTrials, config.eta());
        }
        return new Outcome(List.copyOf(trials), resumed);
    }

    /**
     * Runs {@code ids} at one rung, {@code parallel} at a time, logging each and passing it to {@code finished} as it
     * finishes; returns them by id.
     */
    private List<Trial> runAll(List<Integer> ids, int rung, int epochs, List<Map<String, Object>> configurations,
            TrialRunner runner, Consumer<Trial> finished) throws IOException, InterruptedException {
        if (ids.isEmpty()) {
            return List.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.parallel(), ids.size()), task -> {
            Thread thread = new Thread(task, "tune-trial-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            // Taken as they finish, so that a failed trial stops the search at once, not after the trials before it.
            CompletionService<Trial> running = new ExecutorCompletionService<>(pool);
            for (int id : ids) {
                running.submit(() -> {
                    Trial trial = runOne(id, rung, epochs, configurations.get(id), runner);
                    log.append(trial);
                    finished.accept(trial);
                    return trial;
                });
            }
            List<Trial> ran = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                ran.add(running.take().get());
            }
            ran.sort(Comparator.comparingInt(Trial::id));
            return ran;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Trial runOne(int id, int rung, int epochs, Map<String, Object> parameters, TrialRunner runner)
            throws Exception {
        long start = System.nanoTime();
        try {
            double objective = runner.run(id, rung, epochs, parameters);
            if (!Double.isFinite(objective)) {
                throw new RefusedConfiguration("the objective is " + objective + " (did training diverge?)", null);
            }
            return new Trial(id, rung, epochs, parameters, objective, seconds(start), Trial.Status.COMPLETED, null,
                    Instant.now().toString());
        } catch (RefusedConfiguration e) {
            return new Trial(id, rung, epochs, parameters, null, seconds(start), Trial.Status.FAILED, e.getMessage(),
                    Instant.now().toString());
        }
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }
}
