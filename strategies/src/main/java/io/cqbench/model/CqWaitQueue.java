package io.cqbench.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The ring's CQ wait queue ({@code ctx->cq_wait}), where the application sleeps until a commit makes
 * completions visible. The CQ has one consumer, so at most one thread sleeps here.
 *
 * <p>The protocol has no lost wake-up. The consumer registers itself, issues a full fence, checks the
 * CQ once more and parks only when the check found nothing ({@link #await}). A producer publishes the
 * tail, issues a full fence and then looks for a sleeper ({@link #wakeIfSleeping}). With a fence on
 * each side, either the consumer's check reads the new tail or the producer reads the registered sleeper.
 */
public final class CqWaitQueue {
    private static final VarHandle SLEEPER;

    static {
        try {
            SLEEPER = MethodHandles.lookup().findVarHandle(CqWaitQueue.class, "sleeper", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through SLEEPER
    private volatile Thread sleeper;
    private final AtomicLong wakeUps = new AtomicLong();

    /**
     * Checks for a sleeper as the kernel's {@code io_cqring_wake} does, and wakes it. Its
     * {@code wq_has_sleeper} issues a full barrier ({@code smp_mb}) so that the committed tail is
     * visible before the wait queue is read. Waking removes the sleeper from the queue, as the kernel's
     * {@code autoremove_wake_function} does, so concurrent commits wake it once.
     */
    public void wakeIfSleeping() {
        VarHandle.fullFence();
        Thread waiting = (Thread) SLEEPER.getVolatile(this);
        if (waiting != null && SLEEPER.compareAndSet(this, waiting, null)) {
            wakeUps.incrementAndGet();
            LockSupport.unpark(waiting);
        }
    }

    /**
     * Consumer: sleeps until a commit wakes it or {@code timeoutNanos} pass, unless
     * {@code completionsVisible}, called after the registration, finds completions (it may reap them).
     * A return does not mean that the CQ has entries, so the caller reaps and waits again when it finds none.
     */
    public void await(BooleanSupplier completionsVisible, long timeoutNanos) {
        Thread current = Thread.currentThread();
        SLEEPER.setVolatile(this, current);           // prepare_to_wait: join the queue first ...
        VarHandle.fullFence();                        // ... make that visible before reading the tail ...
        if (!completionsVisible.getAsBoolean()) {     // ... then check the CQ once more
            LockSupport.parkNanos(this, timeoutNanos);
        }
        SLEEPER.compareAndSet(this, current, null);   // finish_wait: leave the queue if no waker did
    }

    /** Returns how many commits found a sleeper and woke it. */
    public long wakeUps() {
        return wakeUps.get();
    }
}
