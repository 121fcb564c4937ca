package io.cqbench.strategies;

import io.cqbench.model.BacklogOrderedPoster;
import io.cqbench.model.CqRing;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.ProducerModel;

/**
 * The reference ceiling, not a real strategy: one producer writes entries straight into the ring with
 * plain stores and publishes the tail with one release store per batch. No lock, no waiter check, no
 * eventfd signal. Overflow follows the kernel's rules so that every workload can run it.
 */
public final class UnsynchronizedPoster extends BacklogOrderedPoster {
    private final CqRing ring;

    public UnsynchronizedPoster(CqConfig config) {
        super(ProducerModel.SINGLE);
        this.ring = new CqRing(config.entries());
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
        return UnsynchronizedProvider.ALIAS + "{entries=" + ring.entries() + "}";
    }

    private final class Producer implements CqProducer {
        @Override
        public boolean postMultishot(long userData, int res, int flags) {
            if (backlog.isPending() || !ring.hasRoom()) {
                return false;
            }
            ring.write(userData, res, flags);
            return true;
        }

        @Override
        public void postTerminal(long userData, int res, int flags) {
            if (!backlog.isPending() && ring.hasRoom()) {
                ring.write(userData, res, flags);
                return;
            }
            // Publish what this producer already wrote before backlogging, so the consumer cannot
            // read the backlog ahead of it.
            ring.commitTail();
            backlog.add(userData, res, flags);
        }

        @Override
        public void commit() {
            ring.commitTail();
        }
    }
}
