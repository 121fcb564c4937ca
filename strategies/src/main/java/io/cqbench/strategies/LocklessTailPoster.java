package io.cqbench.strategies;

import io.cqbench.model.BacklogOrderedPoster;
import io.cqbench.model.CqRing;
import io.cqbench.model.PostSignals;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.ProducerModel;

/**
 * The posting path of later kernels for a ring with a single issuer and deferred task work
 * ({@code IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN}). Only one task ever posts, so no
 * completion lock is taken. The producer keeps a cached range of free ring entries
 * ({@code ctx->cqe_cached} up to {@code ctx->cqe_sentinel}) and writes each CQE straight into the next
 * one; only when the range is used up does it read the consumer's head again. The tail is released
 * once per batch, and waiters and the eventfd are signalled once per batch.
 *
 * <p>Overflow follows the same rules as every strategy: a multishot CQE is refused when the ring is
 * full or the backlog is pending, and a terminating CQE then goes to the backlog, after the entries
 * already written are committed.
 */
public final class LocklessTailPoster extends BacklogOrderedPoster {
    private final CqRing ring;
    private final PostSignals signals;

    public LocklessTailPoster(CqConfig config) {
        super(ProducerModel.SINGLE);
        this.ring = new CqRing(config.entries());
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

    @Override
    public PostSignals postSignals() {
        return signals;
    }

    @Override
    public String toString() {
        return LocklessTailProvider.ALIAS + "{entries=" + ring.entries() + ", eventfd=" + (signals.eventFd() != null) + "}";
    }

    private final class Producer implements CqProducer {
        /** Entries left in the cached free range. */
        private int cached;
        private boolean posted;

        /** Returns whether one more entry is free, refilling the cached range when it is used up. */
        private boolean reserve() {
            if (cached == 0) {
                cached = ring.freeContiguous();            // io_cqe_cache_refill
            }
            return cached > 0;
        }

        @Override
        public boolean postMultishot(long userData, int res, int flags) {
            if (backlog.isPending() || !reserve()) {
                return false;
            }
            ring.write(userData, res, flags);
            cached--;
            posted = true;
            return true;
        }

        @Override
        public void postTerminal(long userData, int res, int flags) {
            posted = true;
            if (!backlog.isPending() && reserve()) {
                ring.write(userData, res, flags);
                cached--;
                return;
            }
            // The consumer reads the backlog only once the ring looks empty, so what this producer
            // already wrote must be visible before the first CQE goes to the backlog.
            ring.commitTail();
            backlog.add(userData, res, flags);     // io_cqring_event_overflow
        }

        @Override
        public void commit() {
            if (!posted) {
                return;
            }
            posted = false;
            ring.commitTail();                      // io_commit_cqring: one release store per batch
            signals.afterCommit();                  // one wake-up check and one eventfd signal per batch
        }
    }
}
