package io.cqbench.strategies.lincheck;

import io.cqbench.model.BacklogOrderedPoster;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;
import org.jctools.queues.MpscArrayQueue;

/**
 * A deliberately broken copy of {@code jctools-mpsc} whose producers offer a pooled record to the queue
 * before writing the CQE into it. The consumer can then poll the record and read the fields of an
 * older CQE, or zeros. Run on one thread it behaves correctly, so only an interleaving shows the bug,
 * which is what {@link LockFreeModelCheckTest} needs Lincheck to find.
 */
final class BrokenPublishPoster extends BacklogOrderedPoster {
    static final String ALIAS = "broken-publish-before-write";

    private final MpscArrayQueue<Record> queue;

    BrokenPublishPoster(CqConfig config) {
        super(ProducerModel.MANY);
        this.queue = new MpscArrayQueue<>(config.entries());
    }

    @Override
    protected CqProducer createProducer() {
        return new Producer();
    }

    @Override
    protected int reapRing(CqeHandler handler, int limit) {
        int count = 0;
        Record record;
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
    public String toString() {
        return ALIAS;
    }

    /** Provides the broken poster through the SPI, like the real strategies. */
    static final class Provider implements CqPosterProvider {
        @Override
        public String alias() {
            return ALIAS;
        }

        @Override
        public String description() {
            return "test only: publishes each CQE record before writing it";
        }

        @Override
        public ProducerModel producerModel() {
            return ProducerModel.MANY;
        }

        @Override
        public FullBehavior fullBehavior() {
            return FullBehavior.OVERFLOW_BACKLOG;
        }

        @Override
        public CqPoster create(CqConfig config) {
            return new BrokenPublishPoster(config);
        }
    }

    private static final class Record {
        long userData;
        int res;
        int flags;
    }

    private final class Producer implements CqProducer {
        private final Record[] pool;
        private int next;

        Producer() {
            pool = new Record[queue.capacity() + 2];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = new Record();
            }
        }

        private boolean post(long userData, int res, int flags) {
            Record record = pool[next];
            if (!queue.offer(record)) {
                return false;
            }
            // The bug: the record is visible to the consumer before these writes.
            record.userData = userData;
            record.res = res;
            record.flags = flags;
            next = next + 1 == pool.length ? 0 : next + 1;
            return true;
        }

        @Override
        public boolean postMultishot(long userData, int res, int flags) {
            return !backlog.isPending() && post(userData, res, flags);
        }

        @Override
        public void postTerminal(long userData, int res, int flags) {
            if (backlog.isPending() || !post(userData, res, flags)) {
                backlog.add(userData, res, flags);
            }
        }

        @Override
        public void commit() {
        }
    }
}
