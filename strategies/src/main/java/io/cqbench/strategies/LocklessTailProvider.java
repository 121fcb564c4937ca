package io.cqbench.strategies;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;

/** Provides {@code lockless-tail}, the single-issuer path of later kernels. */
public final class LocklessTailProvider implements CqPosterProvider {
    static final String ALIAS = "lockless-tail";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "later kernels' single-issuer path: no lock, CQEs written through a cached free range,"
            + " tail released and waiters and eventfd signalled once per batch";
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
        return new LocklessTailPoster(config);
    }
}
