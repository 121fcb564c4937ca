package io.cqbench.model;

/**
 * The kernel's work after a commit, outside the completion lock ({@code io_cqring_ev_posted}):
 * wake the CQ waiters, then signal the eventfd when one is registered. Strategies call
 * {@link #afterCommit()} once per commit they make, so each path pays per commit what the kernel pays.
 */
public final class PostSignals {
    private final CqWaitQueue waitQueue = new CqWaitQueue();
    private final EventFd eventFd;

    public PostSignals(boolean eventFdRegistered) {
        this.eventFd = eventFdRegistered ? new EventFd() : null;
    }

    /** Wakes waiters (fence and wait-queue check) and signals the eventfd if one is registered. */
    public void afterCommit() {
        waitQueue.wakeIfSleeping();
        if (eventFd != null) {
            eventFd.signal();
        }
    }

    /** Returns the eventfd, or {@code null} when none is registered. */
    public EventFd eventFd() {
        return eventFd;
    }
}
