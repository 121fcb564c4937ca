package io.cqbench.strategies;

import io.cqbench.model.BacklogOrderedPoster;
import io.cqbench.model.PostSignals;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.ProducerModel;
import org.jctools.queues.MpscArrayQueue;

/**
 * The CQ as a JCTools {@link MpscArrayQueue}: producers publish each CQE with the queue's lock-free
 * offer (a compare-and-set on the producer index, then a release store of the element), so there is no
 * completion lock and nothing to commit; waiters and the eventfd are signalled once per batch.
 *
 * <p>The queue holds references, so each producer owns a pool of reusable {@link CqeRecord}s instead of
 * allocating one per CQE; see {@link Producer#post} for why a pool of {@code capacity + 2} records is
 * never reused while the consumer still reads one.
 */
public final class JctoolsMpscPoster extends BacklogOrderedPoster {
    private final MpscArrayQueue<CqeRecord> queue;
    private final PostSignals signals;
    private final int entries;

    public JctoolsMpscPoster(CqConfig config) {
        super(ProducerModel.MANY);
        this.entries = config.entries();
        this.queue = new MpscArrayQueue<>(entries);
        this.signals = new PostSignals(config);
    }

    @Override
    protected CqProducer createProducer() {
        return new Producer();
    }

    @Override
    protected int reapRing(CqeHandler handler, int limit) {
        int count = 0;
        CqeRecord record;
        // poll, not relaxedPoll: when a producer has claimed the next slot but not yet stored its
        // element, poll waits for it instead of reporting the queue empty.
        while (count < limit && (record = queue.poll()) != null) {
            handler.onCqe(record.userData, record.res, record.flags);
            count++;
        }
        return count;
    }

    @Override
    protected boolean isRingEmpty() {
        return queue.isEmpty();
    }

    @Override
    public PostSignals postSignals() {
        return signals;
    }

    @Override
    public String toString() {
        return JctoolsMpscProvider.ALIAS + "{entries=" + entries + ", eventfd=" + (signals.eventFd() != null) + "}";
    }

    /** A CQE as an object, reused through a producer's pool. Written by its producer before the offer. */
    static final class CqeRecord {
        long userData;
        int res;
        int flags;
    }

    private final class Producer implements CqProducer {
        private final CqeRecord[] pool;
        private int next;
        private boolean posted;

        Producer() {
            // The queue contains at most capacity() records. Reusing record r needs the offer of r's
            // (capacity + 1)th successor to have succeeded, which needs r's first successor to have been
            // polled; the single consumer polls it only after it has finished reading r. The successful
            // offer's acquire of the consumer index orders those reads before the rewrite of r.
            pool = new CqeRecord[queue.capacity() + 2];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = new CqeRecord();
            }
        }

        private boolean post(long userData, int res, int flags) {
            CqeRecord record = pool[next];
            record.userData = userData;
            record.res = res;
            record.flags = flags;
            if (!queue.offer(record)) {
                return false;
            }
            next = next + 1 == pool.length ? 0 : next + 1;
            posted = true;
            return true;
        }

        @Override
        public boolean postMultishot(long userData, int res, int flags) {
            return !backlog.isPending() && post(userData, res, flags);
        }

        @Override
        public void postTerminal(long userData, int res, int flags) {
            if (backlog.isPending() || !post(userData, res, flags)) {
                backlog.add(userData, res, flags);   // earlier offers of this producer are already published
                posted = true;
            }
        }

        @Override
        public void commit() {
            if (posted) {
                posted = false;
                signals.afterCommit();
            }
        }
    }
}
