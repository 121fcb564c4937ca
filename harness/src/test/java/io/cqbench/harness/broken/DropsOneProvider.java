package io.cqbench.harness.broken;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;

/** Mistake: now and then a multishot CQE is reported as accepted but never placed, as an early return might do. */
public final class DropsOneProvider extends BrokenProvider {
    public DropsOneProvider() {
        super("broken-drops-one", "reports every 500th multishot CQE as posted and drops it");
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new DeferredModel(alias(), config) {
            @Override
            protected CqProducer createProducer() {
                return new Producer() {
                    private int count;

                    @Override
                    public boolean postMultishot(long userData, int res, int flags) {
                        if (++count % 500 == 0 && !backlog.isPending()) {
                            return true;
                        }
                        return super.postMultishot(userData, res, flags);
                    }
                };
            }
        };
    }
}
