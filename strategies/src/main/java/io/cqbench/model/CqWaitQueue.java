package io.cqbench.model;

import java.lang.invoke.VarHandle;

/**
 * The ring's CQ wait queue ({@code ctx->cq_wait}), where an application waiting for completions
 * sleeps. Only the producer's check is modeled here; no cqbench workload sleeps on it yet, so
 * {@link #wakeIfSleeping()} always finds it empty, but still pays the fence the kernel pays.
 */
public final class CqWaitQueue {
    private volatile int sleepers;
    private long wakeUps;

    /**
     * The kernel's {@code io_cqring_wake}: {@code wq_has_sleeper} issues a full barrier
     * ({@code smp_mb}) so the committed tail is visible before the wait queue is read, then wakes the
     * queue only when someone sleeps on it.
     */
    public void wakeIfSleeping() {
        VarHandle.fullFence();
        if (sleepers != 0) {
            wakeUps++;
        }
    }

    /** Returns how many wake-ups found a sleeper; updated by producers without synchronization. */
    public long wakeUps() {
        return wakeUps;
    }
}
