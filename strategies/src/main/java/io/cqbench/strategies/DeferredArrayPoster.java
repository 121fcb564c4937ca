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
 * The batching patch ("io_uring: batch multishot completions"). Each producer, standing for task work
 * run under the submit lock, keeps multishot CQEs in a private array of {@code slots} entries
 * ({@code ctx->submit_state.cqes}, 16 in the kernel) and terminating CQEs in a private list
 * ({@code compl_reqs}).
 *
 * <ul>
 * <li>A full array is written into the ring under one lock acquisition, without a commit.</li>
 * <li>At the end of the batch the lock is taken once: the array is written first, then the batch's
 * terminating CQEs, then the tail is committed once, the lock dropped, and waiters and the eventfd
 * signalled once.</li>
 * </ul>
 *
 * <p>Writing the array before the terminating CQEs is what keeps a request's multishot CQEs ahead of
 * its terminating one. As in the kernel, a multishot CQE is refused only while the overflow backlog is
 * not empty. A CQE already accepted into the array goes to the backlog if the ring is full when the
 * array is flushed.
 */
public final class DeferredArrayPoster extends BacklogOrderedPoster {
    private final CqRing ring;
    private final CompletionLock lock;
    private final PostSignals signals;
    private final int slots;

    public DeferredArrayPoster(CqConfig config) {
        super(ProducerModel.MANY);
        this.ring = new CqRing(config.entries());
        this.lock = CompletionLock.of(config.setting(DeferredArrayProvider.LOCK));
        this.slots = config.intSetting(DeferredArrayProvider.SLOTS);
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

    /** Writes {@code buffer} into the ring, or into the backlog once the ring is full. Hold the lock. */
    private void fill(CqeBuffer buffer) {
        for (int i = 0, n = buffer.size(); i < n; i++) {
            if (!backlog.isPending() && ring.hasRoom()) {
                ring.write(buffer.userData(i), buffer.res(i), buffer.flags(i));   // io_fill_cqe_aux
            } else {
                // Entries written but not yet committed must become visible before anything is
                // backlogged: the consumer reads the backlog only after the ring looks empty.
                if (ring.hasUncommitted()) {
                    ring.commitTail();
                }
                backlog.add(buffer.userData(i), buffer.res(i), buffer.flags(i));  // io_cqring_event_overflow
            }
        }
        buffer.clear();
    }

    @Override
    public PostSignals postSignals() {
        return signals;
    }

    @Override
    public String toString() {
        return DeferredArrayProvider.ALIAS + "{slots=" + slots + ", lock=" + lock.kind() + ", entries=" + ring.entries()
            + ", eventfd=" + (signals.eventFd() != null) + "}";
    }

    private final class Producer implements CqProducer {
        private final CqeBuffer array = new CqeBuffer(slots, false);
        private final CqeBuffer terminals = new CqeBuffer(16, true);

        @Override
        public boolean postMultishot(long userData, int res, int flags) {
            if (array.isFull()) {
                // __io_flush_post_cqes: a full array goes into the ring under one lock, no commit.
                lock.lock();
                try {
                    fill(array);
                } finally {
                    lock.unlock();
                }
            }
            if (backlog.isPending()) {
                return false;                 // the kernel refuses while IO_CHECK_CQ_OVERFLOW is set
            }
            array.add(userData, res, flags);
            return true;
        }

        @Override
        public void postTerminal(long userData, int res, int flags) {
            terminals.add(userData, res, flags);   // io_req_complete_defer: onto the batch's completion list
        }

        @Override
        public void commit() {
            if (array.isEmpty() && terminals.isEmpty()) {
                return;
            }
            lock.lock();                            // __io_submit_flush_completions: io_cq_lock once
            try {
                fill(array);                        // the deferred multishot CQEs first ...
                fill(terminals);                    // ... then the batch's terminating CQEs
                ring.commitTail();                  // io_commit_cqring once for the whole batch
            } finally {
                lock.unlock();
            }
            signals.afterCommit();                  // one wake-up check and one eventfd signal per batch
        }
    }
}
