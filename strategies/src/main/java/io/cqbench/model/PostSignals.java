package io.cqbench.model;

import io.cqbench.spi.CqConfig;

/**
 * The kernel's work after a commit, outside the completion lock ({@code io_cqring_ev_posted}):
 * wake the CQ waiters, then signal the eventfd when one is registered. Strategies call
 * {@link #afterCommit()} once per commit they make, so each path pays per commit what the kernel pays.
 *
 * <p>A config's {@link CqConfig#commitCostNanos() commit cost} adds that much busy work to every
 * commit, the same for every strategy that commits through this class.
 */
public final class PostSignals {
    private final CqWaitQueue waitQueue = new CqWaitQueue();
    private final EventFd eventFd;
    private final long commitCostNanos;

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
        this.commitCostNanos = commitCostNanos;
    }

    /** Spends the commit cost, wakes waiters (fence and wait-queue check) and signals the eventfd if one is registered. */
    public void afterCommit() {
        if (commitCostNanos > 0) {
            spend(commitCostNanos);
        }
        waitQueue.wakeIfSleeping();
        if (eventFd != null) {
            eventFd.signal();
        }
    }

    /** Busy-waits {@code nanos}; System.nanoTime's own cost (tens of ns) bounds the resolution. */
    private static void spend(long nanos) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < nanos) {
            Thread.onSpinWait();
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
