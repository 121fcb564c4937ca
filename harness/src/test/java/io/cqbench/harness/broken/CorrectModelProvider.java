package io.cqbench.harness.broken;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;

/** The catalog's control: the deferred model without a mistake. It must pass the kit, or a catch proves nothing. */
public final class CorrectModelProvider extends BrokenProvider {
    public CorrectModelProvider() {
        super("catalog-control", "none; the correct model the mistakes are made in");
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new DeferredModel(alias(), config);
    }
}
