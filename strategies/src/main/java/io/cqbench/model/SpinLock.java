package io.cqbench.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A test-and-test-and-set spin lock, standing for the kernel's {@code spin_lock}: an atomic
 * compare-and-set to take it, a release store to drop it, and a read-only spin while it is held so that
 * waiters do not bounce the cache line.
 */
public final class SpinLock implements CompletionLock {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SpinLock.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")
    private volatile int state;

    @Override
    public void lock() {
        while (!STATE.compareAndSet(this, 0, 1)) {
            while ((int) STATE.getOpaque(this) != 0) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void unlock() {
        // Release: every write made while holding the lock is visible to the next holder.
        STATE.setRelease(this, 0);
    }

    @Override
    public String kind() {
        return "spin";
    }
}
