package com.example.cqbench;

import io.cqbench.model.BacklogOrderedPoster;
import io.cqbench.model.CqRing;
import io.cqbench.model.PostSignals;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.ProducerModel;

/**
 * One CQ ring whose producers post every CQE under a Java monitor: enter the monitor, write the CQE into
 * the ring or the overflow backlog, commit the tail, leave the monitor, then wake waiters and signal the
 * eventfd. These are the steps of cqbench's {@code per-cqe-lock}, so the two strategies differ only in
 * the lock.
 *
 * <p>{@link BacklogOrderedPoster} supplies the overflow backlog, the consumer's reap (ring first, then
 * the backlog) and the producer count check.
 */
final class ExampleSynchronizedPoster extends BacklogOrderedPoster {
    private final CqRing ring;
    private final PostSignals signals;
    /** The completion lock. Private, so that no other code can hold this monitor. */
    private final Object completionLock = new Object();

    ExampleSynchronizedPoster(int entries, boolean eventFdRegistered) {
        super(ProducerModel.MANY);
        this.ring = new CqRing(entries);
        this.signals = new PostSignals(eventFdRegistered);
    }

    @Override
    protected CqProducer createProducer() {
        return new Producer();
    }

    @Override
    protected int reapRing(CqeHandler handler, int limit) {
        return ring.reap(handler, limit);
    }

    @Override
    protected boolean isRingEmpty() {
        return ring.isEmpty();
    }

    @Override
    public String toString() {
        // The conformance kit requires the alias first: violation messages name the strategy by it.
        return ExampleSynchronizedProvider.ALIAS + "{entries=" + ring.entries() + ", eventfd="
            + (signals.eventFd() != null) + "}";
    }

    /** Has no fields: producers post through the poster's monitor, so any number may post at once. */
    private final class Producer implements CqProducer {
        @Override
        public boolean postMultishot(long userData, int res, int flags) {
            boolean written;
            synchronized (completionLock) {
                // A multishot CQE never goes to the backlog. While the backlog is not empty, a CQE written into
                // the ring would be reaped ahead of the backlog's CQEs, so it is rejected then, as on a full ring.
                written = !backlog.isPending() && ring.hasRoom();
                if (written) {
                    ring.write(userData, res, flags);
                }
                // A rejected CQE pays the commit and the signals too, as in per-cqe-lock.
                ring.commitTail();
            }
            signals.afterCommit();
            return written;
        }

        @Override
        public void postTerminal(long userData, int res, int flags) {
            synchronized (completionLock) {
                if (!backlog.isPending() && ring.hasRoom()) {
                    ring.write(userData, res, flags);
                } else {
                    // Every earlier ring entry was committed by its own post, as the backlog requires.
                    backlog.add(userData, res, flags);
                }
                ring.commitTail();
            }
            signals.afterCommit();
        }

        @Override
        public void commit() {
            // Each post committed and signalled on its own, so the end of a batch has nothing to publish.
        }
    }
}
