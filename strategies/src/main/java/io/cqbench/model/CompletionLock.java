package io.cqbench.model;

import java.util.Locale;

/**
 * The kernel's {@code ctx->completion_lock}, which serializes posting into the CQ ring. Two
 * implementations: a spin lock like the kernel's, and {@link java.util.concurrent.locks.ReentrantLock}.
 */
public interface CompletionLock {
    void lock();

    void unlock();

    /** Returns the setting value that creates this lock: {@code spin} or {@code reentrant}. */
    String kind();

    /** Creates the lock named by the {@code lock} setting. */
    static CompletionLock of(String kind) {
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "spin":
                return new SpinLock();
            case "reentrant":
                return new ReentrantCompletionLock();
            default:
                throw new IllegalArgumentException("invalid lock=" + kind + ": expected spin or reentrant");
        }
    }
}
