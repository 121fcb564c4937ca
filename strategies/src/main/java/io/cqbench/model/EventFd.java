package io.cqbench.model;

/**
 * An eventfd registered with the ring. The kernel's {@code io_eventfd_signal} ends in
 * {@code eventfd_signal_mask}: take the eventfd's own wait-queue lock
 * ({@code spin_lock_irqsave(&ctx->wqh.lock)}), add 1 to its counter, wake its pollers when any wait,
 * and drop the lock. This class does the same steps with a {@link SpinLock}; the interrupt-state save
 * and restore has no JVM counterpart.
 */
public final class EventFd {
    private final SpinLock wqhLock = new SpinLock();
    private long count;
    private int pollers;
    private long wakeUps;

    /** Signals the eventfd once: lock, count, waiter check, unlock. */
    public void signal() {
        wqhLock.lock();
        count++;
        if (pollers != 0) {
            wakeUps++;
        }
        wqhLock.unlock();
    }

    /** Returns the eventfd's counter: how many times it was signalled. */
    public long signals() {
        wqhLock.lock();
        try {
            return count;
        } finally {
            wqhLock.unlock();
        }
    }
}
