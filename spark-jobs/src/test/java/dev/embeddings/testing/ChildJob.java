package dev.embeddings.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command of {@code dev.embeddings.cli.Main} run in a child JVM with the test's classpath and JVM flags, so a
 * test can kill the driver outright (SIGKILL, no shutdown hooks) as a crashed machine or an OOM killer would.
 */
public final class ChildJob implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildJob(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code embeddings ARGS...} in a child JVM of 1 GB heap; its stdout and stderr go to {@code log}. */
    public static ChildJob start(Path log, String... args) throws IOException {
        return startWithHeap(log, "1g", args);
    }

    /** Starts {@code embeddings ARGS...} in a child JVM with heap {@code heap} (as -Xmx takes it). */
    public static ChildJob startWithHeap(Path log, String heap, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // Spark's --add-opens list and test settings; not the test JVM's heap size or agents.
            if (!flag.startsWith("-Xmx") && !flag.startsWith("-javaagent")) {
                command.add(flag);
            }
        }
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add("dev.embeddings.cli.Main");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildJob(process, log);
    }

    /**
     * Waits until {@code file} exists, polling; fails if the child exits first (it finished or crashed) or after
     * {@code timeout}.
     */
    public void awaitFile(Path file, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (!process.isAlive()) {
                throw new AssertionError("the child job exited (" + process.exitValue() + ") before " + file
                        + " appeared:\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear within " + timeout + ":\n" + log());
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the child to exit and returns its status; fails after {@code timeout}. */
    public int waitFor(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child job did not finish within " + timeout + ":\n" + log());
        }
        return process.exitValue();
    }

    /** Kills the child JVM at once (SIGKILL) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the child job did not die");
        }
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
