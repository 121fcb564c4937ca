package io.cqbench.strategies;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.cqbench.model.BacklogOrderedPoster;
import io.cqbench.model.PostSignals;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.ProducerModel;

/**
 * The CQ as an LMAX Disruptor multi-producer {@link RingBuffer} of preallocated CQE events, reaped
 * through an {@link EventPoller}. Each producer gathers up to {@code slots} CQEs privately, in posting
 * order, then claims them as one range with {@code tryNext(n)} and publishes the range at once: one
 * claim per batch instead of a lock per CQE. Waiters and the eventfd are signalled once per batch.
 */
public final class DisruptorPoster extends BacklogOrderedPoster {
    private final RingBuffer<CqeEvent> ring;
    private final EventPoller<CqeEvent> poller;
    private final PostSignals signals;
    private final int slots;
    private final ReapAdapter reapAdapter = new ReapAdapter();

    public DisruptorPoster(CqConfig config) {
        super(ProducerModel.MANY);
        this.slots = config.intSetting(DisruptorProvider.SLOTS);
        // The wait strategy only serves blocking consumers; the poller below never waits.
        this.ring = RingBuffer.createMultiProducer(CqeEvent::new, config.entries(), new YieldingWaitStrategy());
        this.poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        this.signals = new PostSignals(config);
    }

    @Override
    protected CqProducer createProducer() {
        return new Producer();
    }

    @Override
    protected int reapRing(CqeHandler handler, int limit) {
        if (limit <= 0) {
            return 0;
        }
        reapAdapter.target = handler;
        reapAdapter.remaining = limit;
        reapAdapter.count = 0;
        try {
            poller.poll(reapAdapter);
        } catch (Exception e) {
            throw new IllegalStateException("CQE handler failed while reaping " + this, e);
        }
        return reapAdapter.count;
    }

    @Override
    protected boolean isRingEmpty() {
        // The cursor counts claimed sequences, published or not, so an unpublished claim is "not empty".
        return ring.getCursor() == poller.getSequence().get();
    }

    @Override
    public PostSignals postSignals() {
        return signals;
    }

    @Override
    public String toString() {
        return DisruptorProvider.ALIAS + "{slots=" + slots + ", entries=" + ring.getBufferSize()
            + ", eventfd=" + (signals.eventFd() != null) + "}";
    }

    /** A preallocated ring entry. */
    static final class CqeEvent {
        long userData;
        int res;
        int flags;
    }

    private static final class ReapAdapter implements EventPoller.Handler<CqeEvent> {
        CqeHandler target;
        int remaining;
        int count;

        @Override
        public boolean onEvent(CqeEvent event, long sequence, boolean endOfBatch) {
            target.onCqe(event.userData, event.res, event.flags);
            count++;
            return --remaining > 0;
        }
    }

    private final class Producer implements CqProducer {
        private final CqeBuffer pending = new CqeBuffer(slots, false);

        @Override
        public boolean postMultishot(long userData, int res, int flags) {
            if (pending.isFull()) {
                publish();
            }
            if (backlog.isPending()) {
                return false;
            }
            pending.add(userData, res, flags);
            return true;
        }

        @Override
        public void postTerminal(long userData, int res, int flags) {
            if (pending.isFull()) {
                publish();
            }
            pending.add(userData, res, flags);
        }

        @Override
        public void commit() {
            if (!pending.isEmpty()) {
                publish();
                signals.afterCommit();
            }
        }

        /** Claims and publishes the gathered CQEs as ranges; what does not fit goes to the backlog in order. */
        private void publish() {
            int done = 0;
            int size = pending.size();
            int n = size;
            while (done < size && !backlog.isPending()) {
                long hi;
                try {
                    hi = ring.tryNext(n);
                } catch (InsufficientCapacityException e) {
                    // Not enough room for all: claim what is free now (the exception is a preallocated
                    // singleton, so this path allocates nothing). Another producer may take that room
                    // first, in which case the next tryNext fails again and the size is measured anew.
                    // remainingCapacity reads the consumer's sequence before the cursor, so while other
                    // producers claim it can come out negative: treat that as full, like 0.
                    n = (int) Math.min(size - done, ring.remainingCapacity());
                    if (n <= 0) {
                        break;
                    }
                    continue;
                }
                long lo = hi - n + 1;
                for (long seq = lo; seq <= hi; seq++, done++) {
                    CqeEvent event = ring.get(seq);
                    event.userData = pending.userData(done);
                    event.res = pending.res(done);
                    event.flags = pending.flags(done);
                }
                ring.publish(lo, hi);
                n = size - done;
            }
            // Everything published above is visible before the first backlog append.
            for (; done < size; done++) {
                backlog.add(pending.userData(done), pending.res(done), pending.flags(done));
            }
            pending.clear();
        }
    }
}
