package io.cqbench.harness;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Kills a benchmark fork that runs longer than the time limit. A fork is a JVM that JMH started from
 * this process to run one benchmark ({@code org.openjdk.jmh.runner.ForkedMain}, possibly under an
 * external profiler such as {@code perf}). JMH's own iteration timeout ({@code -to}) only interrupts the
 * benchmark thread, so a strategy that spins without checking for interrupts would hang the run. Once
 * its fork is killed, JMH records that benchmark as failed and goes on with the next one.
 */
final class ForkWatchdog implements AutoCloseable {
    static final Duration MIN_LIMIT = Duration.ofSeconds(1);
    static final Duration MAX_LIMIT = Duration.ofHours(24);
    /** The margin the default limit adds to twice a fork's iteration time, for JVM start, trial setup and a busy machine. */
    static final Duration DEFAULT_SLACK = Duration.ofMinutes(1);

    private static final String FORKED_MAIN = "org.openjdk.jmh.runner.ForkedMain";
    /**
     * How often the children of this process are checked. A check scans /proc (about 1 ms with 80 processes
     * on a 2-vCPU VM), so it takes the host under 0.5% of a core while forks are measured.
     */
    private static final long POLL_MILLIS = 500;

    private final long limitNanos;
    private final LongConsumer onKill;
    private final Map<Long, Long> firstSeenNanos = new HashMap<>();
    private final Set<Long> killed = new HashSet<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts watching the forks of this process. {@code onKill} receives the process id of each fork
     * the watchdog kills, on the watchdog's thread.
     */
    ForkWatchdog(Duration limit, LongConsumer onKill) {
        this.limitNanos = saturatedNanos(limit);
        this.onKill = onKill;
        thread = new Thread(this::watch, "cqbench-fork-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Parses a {@code --time-limit} value: a whole number of seconds, minutes or hours, such as
     * {@code 90s}, {@code 10m} or {@code 2h}, from {@link #MIN_LIMIT} to {@link #MAX_LIMIT}.
     */
    static Duration parseLimit(String text) {
        return DurationOption.parse("--time-limit", text, MIN_LIMIT, MAX_LIMIT);
    }

    /**
     * Returns the default limit for a fork that runs {@code iterationMillis} of warm-up and measurement:
     * twice that plus {@link #DEFAULT_SLACK}, rounded up to whole seconds.
     */
    static Duration defaultLimit(double iterationMillis) {
        double seconds = Math.ceil(2 * iterationMillis / 1000 + DEFAULT_SLACK.toSeconds());
        // The cap of a million hours only keeps the arithmetic finite, since no run waits that long.
        return Duration.ofSeconds((long) Math.min(seconds, 3.6e9));
    }

    /** Formats a limit the way {@code --time-limit} takes it: {@code 90s}, {@code 10m}, {@code 2h}. */
    static String format(Duration limit) {
        return DurationOption.format(limit);
    }

    private static long saturatedNanos(Duration limit) {
        try {
            return limit.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private void watch() {
        while (!closed) {
            checkForks();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void checkForks() {
        long now = System.nanoTime();
        Set<Long> alive = new HashSet<>();
        ProcessHandle.current().children().filter(ForkWatchdog::isFork).forEach(fork -> {
            long pid = fork.pid();
            alive.add(pid);
            long firstSeen = firstSeenNanos.computeIfAbsent(pid, key -> now);
            if (now - firstSeen > limitNanos && killed.add(pid)) {
                // A profiler such as perf runs the JVM as its child, so the fork's descendants die with it.
                List<ProcessHandle> descendants = fork.descendants().collect(Collectors.toList());
                fork.destroyForcibly();
                descendants.forEach(ProcessHandle::destroyForcibly);
                onKill.accept(pid);
            }
        });
        firstSeenNanos.keySet().retainAll(alive);
        killed.retainAll(alive);
    }

    private static boolean isFork(ProcessHandle process) {
        return process.info().arguments().map(arguments -> Arrays.asList(arguments).contains(FORKED_MAIN)).orElse(false);
    }

    /** Stops watching. A fork still running is left to JMH. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
