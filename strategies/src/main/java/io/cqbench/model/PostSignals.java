package io.cqbench.model;

import io.cqbench.spi.CqConfig;

/**
 * The kernel's work after a commit, outside the completion lock ({@code io_cqring_ev_posted}):
 * wake the CQ waiters, then signal the eventfd when one is registered. Strategies call
 * {@link #afterCommit()} once per commit they make, so each path pays per commit what the kernel pays.
 *
 * <p>A config's {@link CqConfig#commitCostNanos() commit cost} adds that much busy work to every
 * commit, the same for every strategy that commits through this class. The work is a loop calibrated
 * once per JVM, so its length in nanoseconds is an estimate that drifts with the CPU's clock.
 */
public final class PostSignals {
    private final CqWaitQueue waitQueue = new CqWaitQueue();
    private final EventFd eventFd;
    /** Steps of {@link BusyWork} that take the config's commit cost; 0 for none. */
    private final long commitCostSteps;

    /** Creates the signals of a ring with or without an eventfd, and no commit cost. */
    public PostSignals(boolean eventFdRegistered) {
        this(eventFdRegistered, 0);
    }

    /** Creates the signals of a ring configured by {@code config}: its eventfd and its commit cost. */
    public PostSignals(CqConfig config) {
        this(config.eventFd(), config.commitCostNanos());
    }

    private PostSignals(boolean eventFdRegistered, long commitCostNanos) {
        this.eventFd = eventFdRegistered ? new EventFd() : null;
        this.commitCostSteps = commitCostNanos > 0 ? Math.max(1, Math.round(commitCostNanos * BusyWork.STEPS_PER_NANO)) : 0;
    }

    /** Spends the commit cost, wakes waiters (fence and wait-queue check) and signals the eventfd if one is registered. */
    public void afterCommit() {
        if (commitCostSteps > 0) {
            BusyWork.run(commitCostSteps);
        }
        waitQueue.wakeIfSleeping();
        if (eventFd != null) {
            eventFd.signal();
        }
    }

    /**
     * Busy work of a calibrated length: a chain of dependent multiply-adds, which the JIT can neither
     * drop (the result is stored) nor shorten (each step needs the one before). Reading the clock per
     * commit instead would add its own cost, tens of nanoseconds, to every commit.
     */
    static final class BusyWork {
        /** Steps per nanosecond on this machine, measured once per JVM when the first commit cost is set. */
        static final double STEPS_PER_NANO = calibrate();
        private static long sink = 1;

        private BusyWork() {
        }

        static void run(long steps) {
            long x = sink;
            for (long i = 0; i < steps; i++) {
                x = x * 0x9E3779B97F4A7C15L + i;
            }
            sink = x;
        }

        /** Compiles {@link #run}, then times it and keeps the fastest of five runs, the one least disturbed. */
        private static double calibrate() {
            for (int i = 0; i < 50; i++) {
                run(100_000);
            }
            long steps = 2_000_000;
            long fastest = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                run(steps);
                fastest = Math.min(fastest, System.nanoTime() - start);
            }
            return (double) steps / Math.max(1, fastest);
        }
    }

    /** Returns the CQ wait queue that every commit checks for a sleeping consumer. */
    public CqWaitQueue waitQueue() {
        return waitQueue;
    }

    /** Returns the eventfd, or {@code null} when none is registered. */
    public EventFd eventFd() {
        return eventFd;
    }
}
