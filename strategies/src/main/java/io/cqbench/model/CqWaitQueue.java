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
     * Checks for sleepers as the kernel's {@code io_cqring_wake} does. Its {@code wq_has_sleeper} issues a
     * full barrier ({@code smp_mb}) so the committed tail is visible before the wait queue is read. A
     * sleeper found here is only counted, because no workload sleeps on this queue yet.
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
