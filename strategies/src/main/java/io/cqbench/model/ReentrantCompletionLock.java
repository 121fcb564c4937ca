package io.cqbench.model;

import java.util.concurrent.locks.ReentrantLock;

/** The completion lock as a non-fair {@link ReentrantLock}, the JDK's general-purpose lock. */
public final class ReentrantCompletionLock implements CompletionLock {
    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public void lock() {
        lock.lock();
    }

    @Override
    public void unlock() {
        lock.unlock();
    }

    @Override
    public String kind() {
        return "reentrant";
    }
}
