package io.cqbench.workloads;

import io.cqbench.model.CompletionLock;
import io.cqbench.model.CqRing;
import io.cqbench.model.PostSignals;
import io.cqbench.model.SpinLock;
import io.cqbench.spi.Cqe;

import java.util.List;
import java.util.Locale;

/**
 * The per-CQE posting path built up one step at a time from the model classes the strategies use, so
 * that the difference between two steps is what the added step costs. Each step includes every step
 * before it:
 * <ol>
 * <li>{@code write}: fill the ring entry ({@link CqRing#write}), the kernel's {@code io_fill_cqe_aux};</li>
 * <li>{@code tail}: plus the release store of the tail once per commit ({@link CqRing#commitTail});</li>
 * <li>{@code lock}: plus the completion lock ({@link SpinLock}) around the writes and the commit;</li>
 * <li>{@code waiter}: plus the wait-queue check after the commit, with its full fence
 * ({@link PostSignals} without an eventfd);</li>
 * <li>{@code eventfd}: plus the eventfd signal ({@link PostSignals} with an eventfd).</li>
 * </ol>
 * A batch is {@code batch} entries and one commit: 1 is the per-CQE path of {@code per-cqe-lock}, 16 the
 * commit of {@code deferred-array}'s full array.
 *
 * <p>NOTE: nobody reaps, so the writes skip the room check ({@link CqRing#hasRoom()}) and wrap around the
 * ring; the room check, the overflow backlog and a strategy's private array are not charged.
 */
final class CostBreakdown {
    /** The steps in the order they are added; each includes the ones before it. */
    static final List<String> STEPS = List.of("write", "tail", "lock", "waiter", "eventfd");
    /** Ring entries: the default of the other workloads. */
    static final int ENTRIES = 512;

    private final CqRing ring = new CqRing(ENTRIES);
    private final CompletionLock lock = new SpinLock();
    private final PostSignals signals;
    private final int batch;
    private final boolean commitTail;
    private final boolean takeLock;
    private final boolean signal;
    private long userData;

    CostBreakdown(String step, int batch) {
        int level = STEPS.indexOf(step.toLowerCase(Locale.ROOT));
        if (level < 0) {
            throw new IllegalArgumentException("invalid step=" + step + ": expected one of " + String.join(", ", STEPS));
        }
        if (batch < 1) {
            throw new IllegalArgumentException("invalid batch=" + batch + ": expected at least 1");
        }
        this.batch = batch;
        this.commitTail = level >= 1;
        this.takeLock = level >= 2;
        this.signal = level >= 3;
        this.signals = new PostSignals(level >= 4);
    }

    /** Posts one batch: {@code batch} entries, then the commit with the steps this breakdown includes. */
    void postBatch() {
        if (takeLock) {
            lock.lock();
        }
        for (int i = 0; i < batch; i++) {
            ring.write(userData++, Cqe.POLLIN, Cqe.F_MORE);
        }
        if (commitTail) {
            ring.commitTail();
        }
        if (takeLock) {
            lock.unlock();
        }
        if (signal) {
            signals.afterCommit();
        }
    }

    /** Returns how many entries have been written. */
    long written() {
        return userData;
    }

    /** Returns whether the tail was committed past every written entry; always false for {@code write}. */
    boolean committedAll() {
        return !ring.hasUncommitted();
    }
}
