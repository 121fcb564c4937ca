package io.cqbench.strategies;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;

/** Provides {@code jctools-mpsc}, the CQ as a JCTools lock-free multi-producer queue. */
public final class JctoolsMpscProvider implements CqPosterProvider {
    static final String ALIAS = "jctools-mpsc";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "JCTools MpscArrayQueue of pooled CQE records: lock-free publish per CQE, one signal per batch";
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
        return new JctoolsMpscPoster(config);
    }
}
