package io.cqbench.harness.broken;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;

/** Mistake: now and then a multishot CQE is placed twice, as a retry after a spurious refusal might do. */
public final class DuplicatesOneProvider extends BrokenProvider {
    public DuplicatesOneProvider() {
        super("broken-duplicates-one", "places every 500th multishot CQE twice");
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
                        if (++count % 500 == 0 && super.postMultishot(userData, res, flags)) {
                            super.postMultishot(userData, res, flags);
                            return true;
                        }
                        return super.postMultishot(userData, res, flags);
                    }
                };
            }
        };
    }
}
