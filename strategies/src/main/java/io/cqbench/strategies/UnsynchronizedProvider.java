package io.cqbench.strategies;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;

/** Provides {@code unsynchronized}, the ceiling every summary compares against. */
public final class UnsynchronizedProvider implements CqPosterProvider {
    static final String ALIAS = "unsynchronized";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "reference ceiling: plain writes, one release store of the tail per batch, no lock, no signal";
    }

    @Override
    public ProducerModel producerModel() {
        return ProducerModel.SINGLE;
    }

    @Override
    public FullBehavior fullBehavior() {
        return FullBehavior.OVERFLOW_BACKLOG;
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new UnsynchronizedPoster(config);
    }
}
