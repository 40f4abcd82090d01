package dev.embeddings.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ROOT/publish.lock}: at most one publisher per root. Taken by creating the file exclusively (atomic on
 * HDFS; on a local file system a check-then-create, good enough for one machine's scheduler; on s3a a
 * check-then-PUT, where two publishers starting at the same moment can both write it: the later PUT wins, and the
 * other fails {@link #checkHeld()}, which a publish calls before copying and again before moving LATEST); it holds
 * the owner ({@code user@host pid}) and the time it was taken, on two lines.
 *
 * <p>Stale locks: a publisher killed before releasing leaves the file behind. A lock is taken over when its owner
 * ran on this host and its process is gone (no process with that pid, or one started after the lock was taken),
 * or, from any host, when it is older than {@link PublishConfig#staleLockAfter()}: renamed aside (only one of
 * several contenders wins the rename), logged, then created afresh. To take over a lock of a dead process on another
 * host sooner, check that its owner is gone and delete {@code ROOT/publish.lock} by hand.
 */
public final class PublishLock implements AutoCloseable {

    public static final String FILE = "publish.lock";
    private static final Logger LOG = LoggerFactory.getLogger(PublishLock.class);
    /** The owner line: {@code user@host pid N}; group 1 the host, group 2 the pid. */
    private static final Pattern OWNER = Pattern.compile(".*@(.+) pid (\\d{1,18})");

    private final FileSystem fs;
    private final Path path;
    private final String token;
    private boolean released;

    private PublishLock(FileSystem fs, Path path, String token) {
        this.fs = fs;
        this.path = path;
        this.token = token;
    }

    /** Takes the lock of {@code root}, or fails naming its holder. */
    public static PublishLock acquire(FileSystem fs, Path root, Duration staleAfter, Clock clock) throws IOException {
        Path path = new Path(root, FILE);
        String owner = owner();
        String token = owner + "\n" + clock.instant() + "\n" + UUID.randomUUID() + "\n";
        if (tryCreate(fs, path, token)) {
            return new PublishLock(fs, path, token);
        }
        String[] holder = holder(fs, path);
        Instant taken = parseTime(holder);
        boolean expired = taken != null && Duration.between(taken, clock.instant()).compareTo(staleAfter) > 0;
        if (expired || taken != null && ownerIsGone(holder[0], taken)) {
            Path aside = new Path(root, "." + FILE + ".stale-" + UUID.randomUUID());
            if (fs.rename(path, aside)) {
                LOG.warn("publish: took over the stale lock {} of {} (taken {}; {})", path, holder[0], taken,
                        expired ? "older than " + staleAfter : "its process is gone");
                fs.delete(aside, false);
                if (tryCreate(fs, path, token)) {
                    return new PublishLock(fs, path, token);
                }
                holder = holder(fs, path);
            }
        }
        throw new IOException("another publisher holds " + path + " (" + String.join(", ", holder).trim()
                + "); wait for it, or if its process is gone delete that file (a lock older than " + staleAfter
                + " is taken over automatically)");
    }

    private static boolean tryCreate(FileSystem fs, Path path, String token) throws IOException {
        try (OutputStream out = fs.create(path, false)) {
            out.write(token.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // HDFS reports an existing file as a RemoteException wrapping FileAlreadyExistsException.
            if (fs.exists(path)) {
                return false;
            }
            throw new IOException("the publish root " + path.getParent() + " is not writable: cannot create " + path
                    + ": " + e.getMessage(), e);
        }
    }

    private static String[] holder(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8).split("\n");
        } catch (java.io.FileNotFoundException e) {
            return new String[] {"released just now"};
        }
    }

    private static Instant parseTime(String[] holder) {
        try {
            return holder.length > 1 ? Instant.parse(holder[1].trim()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String owner() {
        return System.getProperty("user.name") + "@" + host() + " pid " + ManagementFactory.getRuntimeMXBean().getPid();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /**
     * True if {@code owner} ({@code user@host pid N}) names a process of this host that no longer runs: no process
     * has that pid, or the one that has it started after the lock was taken (the pid was reused).
     */
    private static boolean ownerIsGone(String owner, Instant taken) {
        Matcher m = OWNER.matcher(owner.trim());
        if (!m.matches() || !m.group(1).equals(host())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(m.group(2)));
        return process.isEmpty() || process.get().info().startInstant().map(taken::isBefore).orElse(false);
    }

    /** Fails if this lock was released or taken over (as stale) by another publisher. */
    void checkHeld() throws IOException {
        if (released || !isOurs()) {
            throw new IOException("the publish lock " + path + " is no longer held by this publisher (released, or "
                    + "taken over as stale); not publishing");
        }
    }

    private boolean isOurs() throws IOException {
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).equals(token);
        } catch (java.io.FileNotFoundException e) {
            return false;
        }
    }

    /** Deletes the lock file if it is still ours (a taken-over lock is left to its new holder). */
    @Override
    public void close() throws IOException {
        if (released) {
            return;
        }
        released = true;
        if (isOurs()) {
            fs.delete(path, false);
        } else {
            LOG.warn("publish: {} was taken over by another publisher; leaving it", path);
        }
    }
}
