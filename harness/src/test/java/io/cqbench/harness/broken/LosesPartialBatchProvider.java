package io.cqbench.harness.broken;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;

/**
 * Mistake: commit writes the batch's terminating CQEs but drops the multishot CQEs still in a partly
 * filled array, so only full arrays ever reach the ring.
 */
public final class LosesPartialBatchProvider extends BrokenProvider {
    public LosesPartialBatchProvider() {
        super("broken-loses-partial-batch", "commit drops the multishot CQEs of a partly filled array");
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new DeferredModel(alias(), config) {
            @Override
            protected CqProducer createProducer() {
                return new Producer() {
                    @Override
                    public void commit() {
                        lock.lock();
                        try {
                            array.size = 0;
                            write(terminals);
                            ring.commitTail();
                        } finally {
                            lock.unlock();
                        }
                    }
                };
            }
        };
    }
}
