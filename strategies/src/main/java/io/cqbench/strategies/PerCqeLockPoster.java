package io.cqbench.strategies;

import io.cqbench.model.BacklogOrderedPoster;
import io.cqbench.model.CompletionLock;
import io.cqbench.model.CqRing;
import io.cqbench.model.PostSignals;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.ProducerModel;

/**
 * The kernel's path before the batching patch ({@code io_post_aux_cqe}): every CQE takes the completion
 * lock, is written into the ring or the overflow backlog, commits the tail, drops the lock, wakes
 * waiters and signals the eventfd. Any number of producers, serialized by the lock.
 */
public final class PerCqeLockPoster extends BacklogOrderedPoster {
    private final CqRing ring;
    private final CompletionLock lock;
    private final PostSignals signals;

    public PerCqeLockPoster(CqConfig config) {
        super(ProducerModel.MANY);
        this.ring = new CqRing(config.entries());
        this.lock = CompletionLock.of(config.setting(PerCqeLockProvider.LOCK));
        this.signals = new PostSignals(config);
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

    /**
     * Posts one CQE the way {@code __io_post_aux_cqe} does. Returns whether it was placed; a refused
     * multishot CQE still pays the lock, commit and signals, as the kernel's does.
     */
    private boolean post(long userData, int res, int flags, boolean mayOverflow) {
        boolean placed;
        lock.lock();                                  // io_cq_lock: spin_lock(&ctx->completion_lock)
        try {
            if (!backlog.isPending() && ring.hasRoom()) {
                ring.write(userData, res, flags);     // io_fill_cqe_aux: fill the entry at the cached tail
                placed = true;
            } else if (mayOverflow) {
                backlog.add(userData, res, flags);    // io_cqring_event_overflow: append to the overflow list
                placed = true;
            } else {
                placed = false;                       // multishot CQE refused: the request must terminate
            }
            ring.commitTail();                        // io_commit_cqring: smp_store_release of the tail
        } finally {
            lock.unlock();                            // spin_unlock(&ctx->completion_lock)
        }
        signals.afterCommit();                        // io_cqring_ev_posted: wake waiters, signal eventfd
        return placed;
    }

    @Override
    public PostSignals postSignals() {
        return signals;
    }

    @Override
    public String toString() {
        return PerCqeLockProvider.ALIAS + "{lock=" + lock.kind() + ", entries=" + ring.entries()
            + ", eventfd=" + (signals.eventFd() != null) + "}";
    }

    private final class Producer implements CqProducer {
        @Override
        public boolean postMultishot(long userData, int res, int flags) {
            return post(userData, res, flags, false);
        }

        @Override
        public void postTerminal(long userData, int res, int flags) {
            post(userData, res, flags, true);
        }

        @Override
        public void commit() {
            // Every CQE was committed and signalled as it was posted: the batch end has nothing left.
        }
    }
}
