package io.cqbench.harness.broken;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;

/**
 * Mistake: a new CQE goes into the ring whenever the ring has room, even while the overflow backlog
 * still contains older CQEs, so it is reaped ahead of them.
 */
public final class RingWhileBacklogProvider extends BrokenProvider {
    public RingWhileBacklogProvider() {
        super("broken-ring-while-backlog", "places new CQEs in the ring while the overflow backlog is not empty");
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new DeferredModel(alias(), config) {
            @Override
            boolean ringTakes() {
                return ring.hasRoom();
            }

            @Override
            protected io.cqbench.spi.CqProducer createProducer() {
                return new Producer() {
                    @Override
                    public boolean postMultishot(long userData, int res, int flags) {
                        if (array.isFull()) {
                            lock.lock();
                            try {
                                write(array);
                            } finally {
                                lock.unlock();
                            }
                        }
                        array.add(userData, res, flags);   // no look at the backlog
                        return true;
                    }
                };
            }
        };
    }
}
