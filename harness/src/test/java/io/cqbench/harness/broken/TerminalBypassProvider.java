package io.cqbench.harness.broken;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;

/**
 * Mistake: a terminating CQE is written into the ring at once, while earlier multishot CQEs of the
 * same request still sit in the deferred array: the rule the kernel patch had to keep.
 */
public final class TerminalBypassProvider extends BrokenProvider {
    public TerminalBypassProvider() {
        super("broken-terminal-bypass", "posts a terminating CQE directly, ahead of the deferred array");
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new DeferredModel(alias(), config) {
            @Override
            protected CqProducer createProducer() {
                return new Producer() {
                    @Override
                    public void postTerminal(long userData, int res, int flags) {
                        lock.lock();
                        try {
                            place(userData, res, flags);
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
